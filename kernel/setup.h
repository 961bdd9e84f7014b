/* Boot steps start_kernel calls, defined across kernel/ and mm/. */
#ifndef _KERNEL_SETUP_H
#define _KERNEL_SETUP_H
#include <linux/compiler.h>

/* memblock from the DT, then the page and slab allocators (mm/init.c). */
void setup_arch_memory(void);
/* Start init, the shell (or the self-tests) and the other kernel threads; become idle. */
__noreturn void rest_init(void);
/* Kernel threads other subsystems start at boot (kswapd ...); weak default: none. */
void start_kernel_threads(void);
/* The console shell (kernel/shell.c), run as a kernel thread. */
int shell_thread(void *arg);
/* The idle loop (kernel/sched.c). */
__noreturn void cpu_idle(void);

#endif
