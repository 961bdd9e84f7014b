/* Host stand-in for asm/barrier.h. */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H
#define isb()		__asm__ __volatile__("" ::: "memory")
#define dsb(opt)	__sync_synchronize()
#define dmb(opt)	__sync_synchronize()
#define smp_mb()	__sync_synchronize()
#define smp_rmb()	__sync_synchronize()
#define smp_wmb()	__sync_synchronize()
#endif
