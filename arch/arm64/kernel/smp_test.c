/*
 * Self-test suite "smp": the secondary CPUs came up, and IPIs reach them.
 *
 * What is checked against what: the number of online CPUs against the
 * device tree's cpu nodes counted here (not smp.c's own count) limited by
 * maxcpus=; with selftest.smp_online=N on the command line, against N (how
 * tests/e2e checks maxcpus=2 and nosmp). A function run by
 * smp_call_function_single records where it ran from the hardware
 * (TPIDR_EL1's cpu_info and MPIDR_EL1), which must be the CPU asked for.
 * Tasks run on CPU 0 only, so this suite runs there and IPIs the others.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/of_fdt.h>
#include <linux/selftest.h>
#include <linux/smp.h>
#include <asm/irqflags.h>
#include <asm/memory.h>
#include <asm/proc-fns.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <stdlib.h>
#include <uapi/errno.h>

#define MPIDR_HWID_BITMASK	0xff00ffffffUL
#define TTBR_BADDR_MASK_TEST	0x0000fffffffff000UL	/* TTBR0_EL1.BADDR, without the ASID */

static long expect_online = -1;	/* selftest.smp_online=N */

static int __init parse_smp_online(const char *val)
{
	char *end;

	if (!val)
		return -1;
	expect_online = (long)strtoul(val, &end, 10);
	return *end ? -1 : 0;
}
__setup("selftest.smp_online", parse_smp_online);

static void count_cpu_node(const char *name, u64 hwid, const char *method, u64 rel, void *arg)
{
	(*(unsigned int *)arg)++;
}

static unsigned int dt_cpus(void)
{
	unsigned int n = 0;

	of_scan_cpus(count_cpu_node, &n);
	return n;
}

/* Bounded wait on the counter: a second of CNTVCT, not a loop count. */
static bool wait_until(volatile unsigned int *flag)
{
	u64 deadline = arch_counter_get_cntvct() + arch_timer_get_cntfrq();

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		if (arch_counter_get_cntvct() > deadline)
			return false;
	return true;
}

static void test_online_count(struct kunit *test)
{
	unsigned int dt = dt_cpus(), possible = min(dt, (unsigned int)NR_CPUS);

	KUNIT_EXPECT_GE(test, dt, 1u);
	KUNIT_EXPECT_EQ(test, num_possible_cpus(), possible);
	KUNIT_EXPECT_TRUE(test, cpu_online(0));
	KUNIT_EXPECT_EQ(test, smp_processor_id(), 0u);
	/*
	 * Every CPU the DT offers up to maxcpus= came up (smp_cpus_expected()
	 * applies maxcpus=); with no IPIs (the Pi 3's BCM2836) none did.
	 */
	KUNIT_EXPECT_EQ(test, num_online_cpus(), smp_ipis_available() ? min(possible, smp_cpus_expected()) : 1u);
	KUNIT_EXPECT_LE(test, num_online_cpus(), possible);
	if (expect_online >= 0)
		KUNIT_EXPECT_EQ(test, (long)num_online_cpus(), expect_online);
	/* The boot CPU's logical map entry is the MPIDR it runs on. */
	KUNIT_EXPECT_EQ(test, cpu_logical_map(0), read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK);
}

struct where {
	unsigned int cpu;
	u64 mpidr;
	bool irqs_off;
	unsigned int done;
};

static void record_where(void *info)
{
	struct where *w = info;

	w->cpu = smp_processor_id();
	w->mpidr = read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;
	w->irqs_off = irqs_disabled();
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

static void test_call_function_single(struct kunit *test)
{
	unsigned int cpu, ran = 0;

	if (num_online_cpus() < 2)
		kunit_skip(test, "only 1 CPU online (%u possible: %s)", num_possible_cpus(),
			   !smp_ipis_available() ? "the interrupt controller sends no IPIs" :
			   num_possible_cpus() == 1 ? "the machine has one (-smp 1)" : "maxcpus=1 or nosmp");
	for_each_online_cpu(cpu) {
		struct where w = { .cpu = ~0u };

		KUNIT_EXPECT_EQ(test, smp_call_function_single(cpu, record_where, &w, true), 0);
		/* wait = true: it has run by the time the call returns, no polling needed. */
		KUNIT_EXPECT_EQ_MSG(test, w.done, 1u, "CPU%u: wait returned before the function ran", cpu);
		KUNIT_EXPECT_EQ_MSG(test, w.cpu, cpu, "asked CPU%u", cpu);
		KUNIT_EXPECT_EQ_MSG(test, w.mpidr, cpu_logical_map(cpu), "CPU%u's MPIDR_EL1", cpu);
		KUNIT_EXPECT_TRUE_MSG(test, w.irqs_off, "CPU%u ran it with IRQs on", cpu);
		ran++;
	}
	KUNIT_EXPECT_EQ(test, ran, num_online_cpus());
}

/* Without wait: the call returns at once; the function still runs there, once. */
static void test_call_function_nowait(struct kunit *test)
{
	static struct where w[NR_CPUS];
	unsigned int cpu;

	if (num_online_cpus() < 2)
		kunit_skip(test, "only 1 CPU online");
	for_each_online_cpu(cpu) {
		if (cpu == 0)
			continue;
		w[cpu] = (struct where){ .cpu = ~0u };
		KUNIT_EXPECT_EQ(test, smp_call_function_single(cpu, record_where, &w[cpu], false), 0);
	}
	for_each_online_cpu(cpu) {
		if (cpu == 0)
			continue;
		KUNIT_EXPECT_TRUE_MSG(test, wait_until(&w[cpu].done), "CPU%u never ran it", cpu);
		KUNIT_EXPECT_EQ(test, w[cpu].cpu, cpu);
	}
}

static void test_offline_cpu_refused(struct kunit *test)
{
	struct where w = { 0 };
	unsigned int cpu;

	KUNIT_EXPECT_EQ(test, smp_call_function_single(NR_CPUS, record_where, &w, true), -ENXIO);
	for_each_possible_cpu(cpu)
		if (!cpu_online(cpu))
			KUNIT_EXPECT_EQ(test, smp_call_function_single(cpu, record_where, &w, true), -ENXIO);
	KUNIT_EXPECT_EQ(test, w.done, 0u);
}

/*
 * Every CPU runs with the same translation and exception setup as CPU 0:
 * the registers boot/head.S and secondary_start_kernel wrote, read back on
 * each CPU. TTBR0 holds the reserved table when no user mm runs there (the
 * identity map is gone); only CPU 0 may have a user mm loaded, so only its
 * TTBR0 is not compared.
 */
struct sysregs {
	u64 ttbr1, tcr, sctlr, mair, vbar, ttbr0, cpacr, tpidr;
};

static void read_regs(void *info)
{
	struct sysregs *r = (struct sysregs *)info + smp_processor_id();

	r->ttbr1 = read_sysreg(ttbr1_el1);
	r->tcr = read_sysreg(tcr_el1);
	r->sctlr = read_sysreg(sctlr_el1);
	r->mair = read_sysreg(mair_el1);
	r->vbar = read_sysreg(vbar_el1);
	r->ttbr0 = read_sysreg(ttbr0_el1);
	r->cpacr = read_sysreg(cpacr_el1);
	r->tpidr = read_sysreg(tpidr_el1);
}

static void test_same_mmu_config(struct kunit *test)
{
	static struct sysregs r[NR_CPUS];
	unsigned int cpu;

	if (num_online_cpus() < 2)
		kunit_skip(test, "only 1 CPU online");
	on_each_cpu(read_regs, r, true);
	for_each_online_cpu(cpu) {
		if (cpu == 0)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].ttbr1, r[0].ttbr1, "CPU%u TTBR1_EL1 (swapper_pg_dir)", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].tcr, r[0].tcr, "CPU%u TCR_EL1", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].sctlr, r[0].sctlr, "CPU%u SCTLR_EL1", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].mair, r[0].mair, "CPU%u MAIR_EL1", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].vbar, r[0].vbar, "CPU%u VBAR_EL1", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].cpacr, r[0].cpacr, "CPU%u CPACR_EL1", cpu);
		KUNIT_EXPECT_EQ_MSG(test, r[cpu].ttbr0 & TTBR_BADDR_MASK_TEST, (u64)__pa_symbol(reserved_pg_dir),
				    "CPU%u TTBR0_EL1: the reserved table, not the identity map", cpu);
		KUNIT_EXPECT_TRUE_MSG(test, r[cpu].tpidr != r[0].tpidr, "CPU%u shares CPU 0's cpu_info", cpu);
	}
}

static void count_here(void *info)
{
	unsigned int *counts = info;

	__atomic_fetch_add(&counts[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

static void test_on_each_cpu(struct kunit *test)
{
	unsigned int counts[NR_CPUS] = { 0 }, cpu;

	on_each_cpu(count_here, counts, true);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, counts[cpu], cpu_online(cpu) ? 1u : 0u, "CPU%u", cpu);
	/* smp_call_function_many leaves the caller out. */
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		counts[cpu] = 0;
	smp_call_function_many(cpu_online_mask, count_here, counts, true);
	KUNIT_EXPECT_EQ(test, counts[0], 0u);
	for (cpu = 1; cpu < NR_CPUS; cpu++)
		KUNIT_EXPECT_EQ_MSG(test, counts[cpu], cpu_online(cpu) ? 1u : 0u, "CPU%u", cpu);
}

/* Each call-function IPI is counted once, on the CPU that took it. */
static void test_ipi_counters(struct kunit *test)
{
	unsigned int cpu;

	if (num_online_cpus() < 2)
		kunit_skip(test, "only 1 CPU online");
	for_each_online_cpu(cpu) {
		unsigned long before = ipi_count(cpu, IPI_CALL_FUNC), resched = ipi_count(cpu, IPI_RESCHEDULE);
		unsigned long mine = ipi_count(0, IPI_CALL_FUNC);
		struct where w = { 0 };
		u64 deadline;

		if (cpu == 0)
			continue;
		smp_call_function_single(cpu, record_where, &w, true);
		KUNIT_EXPECT_EQ_MSG(test, ipi_count(cpu, IPI_CALL_FUNC), before + 1, "CPU%u", cpu);
		KUNIT_EXPECT_EQ(test, ipi_count(0, IPI_CALL_FUNC), mine);	/* the sender took none */
		/* IPI_RESCHEDULE is a no-op there, but it arrives and is counted. */
		smp_send_reschedule(cpu);
		deadline = arch_counter_get_cntvct() + arch_timer_get_cntfrq();
		while (ipi_count(cpu, IPI_RESCHEDULE) == resched && arch_counter_get_cntvct() < deadline)
			cpu_relax();
		KUNIT_EXPECT_EQ_MSG(test, ipi_count(cpu, IPI_RESCHEDULE), resched + 1, "CPU%u", cpu);
	}
}

static struct kunit_case smp_cases[] = {
	KUNIT_CASE(test_online_count),
	KUNIT_CASE(test_call_function_single),
	KUNIT_CASE(test_call_function_nowait),
	KUNIT_CASE(test_offline_cpu_refused),
	KUNIT_CASE(test_same_mmu_config),
	KUNIT_CASE(test_on_each_cpu),
	KUNIT_CASE(test_ipi_counters),
	{ NULL, NULL },
};

static struct kunit_suite smp_suite = { .name = "smp", .cases = smp_cases };
selftest_suite(smp_suite);
