/* Boot steps start_kernel calls, defined across kernel/ and mm/. */
#ifndef _KERNEL_SETUP_H
#define _KERNEL_SETUP_H
#include <linux/compiler.h>

/* memblock from the DT, then the page and slab allocators (mm/init.c). */
void setup_arch_memory(void);
/* After boot: the console loop (later the scheduler and the shell). */
__noreturn void rest_init(void);

#endif
