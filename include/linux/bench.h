/*
 * The "bench" boot mode: start_kernel calls run_benchmarks (mm/bench.c)
 * when "bench" is on the command line; it prints instruction counts and
 * ends QEMU. Its task cases (page fault, context switch, switch_mm) are
 * sched_bench (kernel/sched_bench.c).
 */
#ifndef _LINUX_BENCH_H
#define _LINUX_BENCH_H

#include <linux/compiler.h>

__noreturn void run_benchmarks(void);
void sched_bench(void);

#endif
