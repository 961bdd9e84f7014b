/*
 * The "bench" boot mode (bench/): instruction counts of the allocators, the
 * task machinery and zram, printed when "bench" is on the command line.
 * Built only with CONFIG_BENCH (make BENCH=1, the default); without it,
 * run_benchmarks() says so and ends QEMU, as Linux headers give stubs for
 * what a configuration leaves out instead of #ifdefs in the callers.
 */
#ifndef _LINUX_BENCH_H
#define _LINUX_BENCH_H
#include <linux/compiler.h>

#ifdef CONFIG_BENCH
/* Prints the tables (bench/bench.c) and ends QEMU (status 0 through semihosting). */
__noreturn void run_benchmarks(void);
/* Its task cases: page fault, context switch, switch_mm (bench/sched_bench.c). */
void sched_bench(void);
/*
 * Its zram cases (bench/zram_bench.c): instructions per zram_write_page and
 * zram_read_page on text, binary, random and zero pages, compression ratio
 * and pool density, for each lz4 entry point. Calls zram_init(0) if nobody
 * has; resets the area when done.
 */
void zram_bench(void);
#else
#include <linux/kernel.h>
#include <linux/reboot.h>

static inline __noreturn void run_benchmarks(void)
{
	printk("bench: not built in (make BENCH=1)\n");
	machine_exit(1);
}
#endif

#endif
