/* Host stand-in for asm/processor.h: one "CPU", number 0. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H
#include <linux/threads.h>
static inline void cpu_relax(void) { }
static inline unsigned int smp_processor_id(void) { return 0; }
#endif
