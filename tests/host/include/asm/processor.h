/*
 * Host stand-in for asm/processor.h: "the CPU we run on" is host_cpu
 * (tests/host/host_shim.c), 0 unless a test plays several CPUs (test_asid).
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H
#include <linux/threads.h>
extern unsigned int host_cpu;
static inline void cpu_relax(void) { }
static inline unsigned int smp_processor_id(void) { return host_cpu; }
#endif
