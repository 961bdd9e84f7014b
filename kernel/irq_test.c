/* Self-test suite "irq": the timer interrupt arrives, at the configured rate. */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/selftest.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

/* Wait for n ticks; gives up after a bounded number of counter periods. */
static bool wait_ticks(unsigned long n)
{
	unsigned long start = jiffies;
	u64 deadline = arch_counter_get_cntvct() + (n + 10) * (arch_timer_get_cntfrq() / HZ) * 4;

	while (jiffies - start < n) {
		if (arch_counter_get_cntvct() > deadline)
			return false;
		__asm__ __volatile__("wfi");
	}
	return true;
}

static void test_ticks_arrive(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, !irqs_disabled());
	KUNIT_EXPECT_TRUE(test, wait_ticks(10));
}

/* Ten ticks take ten tick intervals of the counter (within one interval). */
static void test_tick_rate(struct kunit *test)
{
	u64 interval = arch_timer_get_cntfrq() / HZ;
	u64 t0, t1;

	wait_ticks(1);
	t0 = arch_counter_get_cntvct();
	KUNIT_ASSERT_TRUE(test, wait_ticks(10));
	t1 = arch_counter_get_cntvct();
	KUNIT_EXPECT_GE(test, t1 - t0, 9 * interval);
	KUNIT_EXPECT_LE(test, t1 - t0, 11 * interval);
}

/* Masking IRQs holds the tick back; unmasking delivers it. */
static void test_masking(struct kunit *test)
{
	unsigned long flags = arch_local_irq_save();
	unsigned long before = jiffies;
	u64 wait = arch_counter_get_cntvct() + 3 * (arch_timer_get_cntfrq() / HZ);

	while (arch_counter_get_cntvct() < wait)
		cpu_relax();
	KUNIT_EXPECT_EQ(test, jiffies, before);
	arch_local_irq_restore(flags);
	KUNIT_EXPECT_TRUE(test, wait_ticks(1));
}

static struct kunit_case irq_cases[] = {
	KUNIT_CASE(test_ticks_arrive),
	KUNIT_CASE(test_tick_rate),
	KUNIT_CASE(test_masking),
	{ NULL, NULL },
};

static struct kunit_suite irq_suite = { .name = "irq", .cases = irq_cases };
selftest_suite(irq_suite);
