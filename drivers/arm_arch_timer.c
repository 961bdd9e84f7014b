/*
 * The ARM generic timer (ARM ARM D11): a system counter at CNTFRQ_EL0 Hz and
 * per-CPU timers. We use the EL1 virtual timer (CNTV_*), as Linux does for
 * a kernel at EL1: its interrupt is the third entry of the "arm,armv8-timer"
 * node (PPI 11 = INTID 27 on a GIC; CNTVIRQ on the BCM2836 local controller).
 * Each tick programs the next one by absolute compare value (CNTV_CVAL_EL0),
 * so latency in handling does not accumulate as drift.
 * Linux: drivers/clocksource/arm_arch_timer.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/of.h>
#include <asm/sysreg.h>
#include <asm/barrier.h>
#include <stdlib.h>

#define CNTV_CTL_ENABLE		(1UL << 0)
#define CNTV_CTL_IMASK		(1UL << 1)

volatile unsigned long jiffies;
unsigned int HZ = 100;
static u64 tick_interval;		/* counter ticks per jiffy */
static u64 next_tick;

u64 arch_timer_get_cntfrq(void)
{
	return read_sysreg(cntfrq_el0);
}

u64 arch_counter_get_cntvct(void)
{
	isb();		/* the counter read must not be hoisted above earlier instructions */
	return read_sysreg(cntvct_el0);
}

static void arch_timer_handler(unsigned int hwirq, void *data)
{
	u64 now = arch_counter_get_cntvct();

	/* Catch up if ticks were missed (e.g. interrupts masked for long). */
	do {
		next_tick += tick_interval;
		jiffies++;
	} while (next_tick <= now);
	write_sysreg(next_tick, cntv_cval_el0);
	isb();
	update_process_times();
}

int arch_timer_init(void)
{
	int node = of_find_compatible(-1, "arm,armv8-timer");
	int hwirq;
	u64 freq = arch_timer_get_cntfrq();

	if (node < 0)
		node = of_find_compatible(-1, "arm,armv7-timer");
	if (node < 0) {
		printk("arch_timer: no timer node in the device tree\n");
		return -1;
	}
	hwirq = of_irq_to_hwirq(node, 2);	/* 0 secure phys, 1 phys, 2 virt, 3 hyp */
	if (hwirq < 0) {
		printk("arch_timer: cannot map the virtual timer interrupt\n");
		return -1;
	}
	if (freq == 0) {
		printk("arch_timer: CNTFRQ_EL0 is 0 (firmware did not set it)\n");
		return -1;
	}
	tick_interval = freq / HZ;
	write_sysreg(CNTV_CTL_IMASK, cntv_ctl_el0);
	if (request_irq((unsigned int)hwirq, arch_timer_handler, "arch_timer", NULL))
		return -1;
	next_tick = arch_counter_get_cntvct() + tick_interval;
	write_sysreg(next_tick, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
	printk("arch_timer: cp15 timer(s) running at %lu.%02luMHz (virt), HZ=%u, irq %d\n",
	       (unsigned long)(freq / 1000000), (unsigned long)(freq / 10000 % 100), HZ, hwirq);
	return 0;
}

static int __init parse_hz(const char *val)
{
	char *end;
	unsigned long hz;

	if (!val)
		return -1;
	hz = strtoul(val, &end, 10);
	if (*end || hz < 10 || hz > 1000)
		return -1;
	HZ = (unsigned int)hz;
	return 0;
}
__setup("hz", parse_hz);
