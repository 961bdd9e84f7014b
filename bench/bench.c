/*
 * The "bench" boot mode: how many instructions an allocation and a free
 * cost, for the buddy allocator (order 0 with and without the per-CPU
 * lists, order 3) and for kmalloc (64 and 1024 bytes). A benchmark, not a
 * test: it prints numbers and never fails on them.
 *
 * `make bench` (bench/qemu.sh) boots with "bench semihosting" under
 * -icount shift=4,align=off,sleep=off. Then the virtual counter CNTVCT_EL0
 * advances exactly once per executed instruction and every run gives the
 * same numbers (verified with six parallel runs). A calibration loop checks that
 * before anything is measured. Interrupts are masked while measuring.
 *
 * Every case is a round of BURST allocations, then BURST frees, each timed
 * as a whole; the figures are means over ROUNDS rounds after one warm-up
 * round (which fills the per-CPU lists and the CPU slabs, so the rounds
 * measured see the allocator in its steady state). The loop and its indirect
 * call are measured with empty operations and subtracted.
 *
 * bench/host/bench_mm.c runs the same rounds on the host under callgrind
 * (bench/host.sh). The results are in docs/buddy.md and docs/slub.md.
 */
#include <linux/kernel.h>
#include <linux/bench.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/reboot.h>
#include <linux/slab.h>
#include "bench_cases.h"
#include <asm/irqflags.h>

#define BURST	256
#define ROUNDS	16

static int __init parse_bench(const char *val)
{
	return 0;	/* start_kernel asks cmdline_has("bench") */
}
__setup("bench", parse_bench);

/* The loop alone: what every case pays besides the operation. */
static void *empty_alloc(void) { return (void *)16; }
static void empty_free(void *p) { }


/*
 * One warm-up round and ROUNDS measured rounds of c; the mean ticks per
 * allocation and per free, in hundredths. Interrupts are masked throughout.
 */
static void run_case(const struct bench_case *c, unsigned long *alloc, unsigned long *free)
{
	static void *objs[BURST];
	unsigned long flags;
	u64 ta = 0, tf = 0;

	set_pcp_enabled(c->pcp);
	flags = arch_local_irq_save();
	for (int round = 0; round <= ROUNDS; round++) {
		u64 t0, t1, t2;

		t0 = arch_counter_get_cntvct();
		for (int i = 0; i < BURST; i++)
			objs[i] = c->alloc();
		t1 = arch_counter_get_cntvct();
		for (int i = 0; i < BURST; i++)
			c->free(objs[i]);
		t2 = arch_counter_get_cntvct();
		if (round) {	/* round 0 warms up */
			ta += t1 - t0;
			tf += t2 - t1;
		}
	}
	arch_local_irq_restore(flags);
	set_pcp_enabled(true);
	*alloc = ta * 100 / (ROUNDS * BURST);
	*free = tf * 100 / (ROUNDS * BURST);
}

/*
 * Does the counter count instructions? A loop of 1000 x (subs, b.ne) is
 * 2000 instructions; the two counter reads add a handful.
 */
static u64 calibrate(void)
{
	unsigned long flags = arch_local_irq_save();
	u64 t0, t1;

	t0 = arch_counter_get_cntvct();
	__asm__ __volatile__("mov x9, #1000\n1:\tsubs x9, x9, #1\n\tb.ne 1b" ::: "x9", "cc");
	t1 = arch_counter_get_cntvct();
	arch_local_irq_restore(flags);
	return t1 - t0;
}

static void print_hundredths(const char *what, unsigned long a, unsigned long f)
{
	printk("bench: %s %6lu.%02lu %6lu.%02lu\n", what, a / 100, a % 100, f / 100, f % 100);
}

/*
 * The "bench" boot mode, called from start_kernel when "bench" is on the
 * command line, after memory and interrupts are up. Prints the table and
 * ends QEMU (status 0 through semihosting, else PSCI power-off).
 */
void run_benchmarks(void)
{
	const struct bench_case empty = { .id = "empty", .name = "", .alloc = empty_alloc, .free = empty_free, .pcp = true };
	unsigned long base_a, base_f, a, f;
	u64 ticks = calibrate();

	printk("bench: instructions per operation (CNTVCT_EL0 ticks; under -icount shift=4 one tick is one instruction)\n");
	if (ticks >= 2000 && ticks < 2100)
		printk("bench: calibration: 2000 instructions took %lu ticks: the counter counts instructions\n",
		       (unsigned long)ticks);
	else
		printk("bench: calibration: 2000 instructions took %lu ticks: NOT running under "
		       "-icount shift=4,align=off,sleep=off (use make bench); the numbers are timer ticks\n",
		       (unsigned long)ticks);
	run_case(&empty, &base_a, &base_f);
	printk("bench: each case: %d rounds of %d allocations then %d frees, after one warm-up round\n",
	       ROUNDS, BURST, BURST);
	printk("bench: loop overhead subtracted: %lu.%02lu per allocation, %lu.%02lu per free\n",
	       base_a / 100, base_a % 100, base_f / 100, base_f % 100);
	printk("bench: %-41s %9s %9s\n", "operation", "alloc", "free");
	for (unsigned int i = 0; i < ARRAY_SIZE(bench_cases); i++) {
		run_case(&bench_cases[i], &a, &f);
		print_hundredths(bench_cases[i].name, a > base_a ? a - base_a : 0, f > base_f ? f - base_f : 0);
	}
	sched_bench();	/* bench/sched_bench.c: page fault, context switch, switch_mm */
	zram_bench();	/* bench/zram_bench.c: zram_write_page/zram_read_page per page */
	printk("bench: done\n");
	machine_exit(0);
}
