/* The most CPUs the kernel supports (Linux: include/linux/threads.h). */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H

/*
 * Linux takes it from CONFIG_NR_CPUS; here it is fixed at four, the cores
 * of a Raspberry Pi 4. Defined once, for the kernel (asm/processor.h) and
 * the host tests (their asm/processor.h stand-in, test_asid.c).
 */
#define NR_CPUS 4

#endif
