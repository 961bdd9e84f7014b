/*
 * The host-only ASID suite "asid_host", and the machine on which it and the
 * shared suite "asid" (arch/arm64/mm/context_test.c) run in
 * build/host/test_asid: arch/arm64/mm/context.c under ASan/UBSan, on up to
 * four simulated CPUs, with the buddy allocator on a small fake arena for
 * the shared suite's pgd pages.
 *
 * What context.c takes from the CPU is played here: smp_processor_id() is
 * host_cpu, a variable the test sets, "writing TTBR0" records the value
 * (host_ttbr0, asm/proc-fns.h stand-in), the ID register is a variable, and
 * the TLB is a model -- for each CPU and each ASID, which address space
 * filled entries since that CPU's last flush. The property the cases of
 * asid_host check after every switch:
 *
 *   the CPU's TLB holds no entry, under the ASID now in TTBR0, that another
 *   address space put there      (else it could read that space's memory)
 *
 * plus: no two CPUs run different address spaces with the same ASID, ASID 0
 * is never handed out, and a CPU flushes its TLB only for a rollover.
 *
 * Why each case runs on the host only:
 *   test_width            an 8- and a 16-bit CPU (ID_AA64MMFR0_EL1 played),
 *                         the asid_bits= limit and its parser (context.c
 *                         internals, context_internal.h)
 *   test_basic_switching  the exact ASIDs of a fresh allocator (1, 2, then 3)
 *                         and TTBR0 as the stand-in recorded it, on the model TLB
 *   test_rollover_one_cpu the exact ASIDs a rollover keeps and reuses, model TLB
 *   test_random_one_cpu   long random runs at four widths with address spaces
 *                         dying, on the model TLB
 *   test_multi_cpu        four CPUs (host_cpu) and their lazy per-CPU flushes
 * The suite's exit hook puts the machine back as selftest_host_init booted
 * it: a 16-bit CPU, no limit, no mm in any TTBR0, CPU 0.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/prandom.h>
#include <linux/types.h>

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <asm/cpufeature.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>
#include "../../arch/arm64/mm/context_internal.h"

#include "host_shim.h"
#include <linux/selftest.h>

/* ---- the machine, played by the test --------------------------------------- */

u64 host_id_aa64mmfr0, host_id_aa64mmfr1;
u64 host_ttbr0;
unsigned long host_ttbr0_writes;
struct tlb_stats tlb_stats;

#define MAX_MMS 64
static struct mm_struct mms[MAX_MMS];
static pgd_t *pgds[MAX_MMS];	/* pages of the arena: only their addresses matter */
static int tlb_owner[NR_CPUS][1 << 16];		/* -1 = no entries; else the mm index */
static u64 cpu_ttbr0[NR_CPUS];
static int cpu_running[NR_CPUS];		/* mm index in TTBR0, -1 = none */
static unsigned long local_flushes[NR_CPUS], broadcast_flushes, violations, reused_asid, rollovers0;

/* Rollovers since reset_machine (the allocator's counter runs from boot). */
#define rollovers() (asid_rollovers() - rollovers0)

static void tlb_forget(unsigned int cpu)
{
	for (unsigned int a = 0; a < (1U << asid_bits()); a++)
		tlb_owner[cpu][a] = -1;
}

void local_flush_tlb_all(void)
{
	local_flushes[host_cpu]++;
	tlb_stats.all++;
	tlb_forget(host_cpu);
}

void flush_tlb_all(void)
{
	broadcast_flushes++;
	tlb_stats.all++;
	for (unsigned int c = 0; c < NR_CPUS; c++)
		tlb_forget(c);
}

static int mm_index(const struct mm_struct *mm)
{
	return mm ? (int)(mm - mms) : -1;
}

/* switch_mm on a CPU, then check the TLB model and the invariants. */
static bool run(unsigned int cpu, struct mm_struct *mm)
{
	unsigned int asid;
	int i = mm_index(mm);
	bool good = true;

	host_cpu = cpu;
	switch_mm(mm);
	cpu_ttbr0[cpu] = host_ttbr0;
	cpu_running[cpu] = i;
	if (!mm)
		return host_ttbr0 == HOST_RESERVED_TTBR0;
	asid = (unsigned int)(host_ttbr0 >> 48);
	good &= asid != 0 && asid == mm_asid(mm) && asid < (1U << asid_bits());
	good &= (host_ttbr0 & PTE_ADDR_MASK) == (u64)__pa(mm->pgd);
	/* Another address space's translations under our ASID in this CPU's TLB? */
	if (tlb_owner[cpu][asid] != -1 && tlb_owner[cpu][asid] != i) {
		violations++;
		good = false;
	}
	tlb_owner[cpu][asid] = i;	/* running fills the TLB */
	/* Two CPUs running different address spaces under one ASID? */
	for (unsigned int c = 0; c < NR_CPUS; c++)
		if (c != cpu && cpu_running[c] >= 0 && cpu_running[c] != i &&
		    (unsigned int)(cpu_ttbr0[c] >> 48) == asid) {
			reused_asid++;
			good = false;
		}
	return good;
}

static void reset_machine(unsigned int hw_bits, unsigned int limit)
{
	host_id_aa64mmfr0 = hw_bits == 16 ? (2UL << ID_AA64MMFR0_ASIDBITS_SHIFT) : 0;
	asid_bits_limit = limit;
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		host_cpu = c;
		switch_mm(NULL);
		cpu_running[c] = -1;
		local_flushes[c] = 0;
		tlb_forget(c);
	}
	host_cpu = 0;
	asid_init();
	for (int i = 0; i < MAX_MMS; i++) {
		memset(&mms[i], 0, sizeof(mms[i]));
		mms[i].pgd = pgds[i];
	}
	violations = reused_asid = broadcast_flushes = 0;
	rollovers0 = asid_rollovers();
}

static unsigned long total_local_flushes(void)
{
	unsigned long n = 0;

	for (unsigned int c = 0; c < NR_CPUS; c++)
		n += local_flushes[c];
	return n;
}

/* ---- tests ------------------------------------------------------------------ */

static void test_width(struct kunit *test)
{
	reset_machine(8, 0);
	KUNIT_EXPECT_EQ_MSG(test, asid_bits(), 8, "ASIDBits = 0b0000: 8-bit ASIDs");
	reset_machine(16, 0);
	KUNIT_EXPECT_EQ_MSG(test, asid_bits(), 16, "ASIDBits = 0b0010: 16-bit ASIDs");
	reset_machine(16, 4);
	KUNIT_EXPECT_EQ_MSG(test, asid_bits(), 4, "asid_bits=4 limits a 16-bit CPU to 4 bits");
	reset_machine(8, 12);
	KUNIT_EXPECT_EQ_MSG(test, asid_bits(), 8, "a limit above the hardware is the hardware");

	asid_bits_limit = 0;
	KUNIT_EXPECT_EQ_MSG(test, parse_asid_bits("5"), 0, "asid_bits=5 accepted");
	KUNIT_EXPECT_EQ_MSG(test, asid_bits_limit, 5, "... and recorded");
	KUNIT_EXPECT_EQ_MSG(test, parse_asid_bits("1"), -1,
			"asid_bits=1 refused (ASID 0 is reserved, one must stay free)");
	KUNIT_EXPECT_EQ_MSG(test, parse_asid_bits("17"), -1, "asid_bits=17 refused");
	KUNIT_EXPECT_EQ_MSG(test, parse_asid_bits("x"), -1, "asid_bits=x refused");
	KUNIT_EXPECT_EQ_MSG(test, parse_asid_bits(NULL), -1, "bare asid_bits refused");
	asid_bits_limit = 0;
	/* asid_set_bits: suite "asid" (arch/arm64/mm/context_test.c). */
}

static void test_basic_switching(struct kunit *test)
{
	unsigned long writes;

	reset_machine(16, 0);
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[0]), "first switch");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[0]), 1, "the first mm gets ASID 1 (0 is reserved)");
	KUNIT_EXPECT_EQ_MSG(test, mms[0].context.id >> 16, asid_generation(),
			"context.id carries the generation above the ASID bits");
	KUNIT_EXPECT_EQ_MSG(test, host_ttbr0, (u64)__pa(pgds[0]) | (1UL << 48), "TTBR0 = pgd | ASID << 48");
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[1]), "second mm");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[1]), 2, "gets ASID 2");
	KUNIT_EXPECT_TRUE_MSG(test, cpu_active_mm() == &mms[1], "cpu_active_mm follows switch_mm");
	writes = host_ttbr0_writes;
	for (int r = 0; r < 100; r++)
		run(0, &mms[r & 1]);
	KUNIT_EXPECT_EQ_MSG(test, host_ttbr0_writes - writes, 100, "one TTBR0 write per switch");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[0]), 1, "ASIDs are kept while the generation lasts");
	KUNIT_EXPECT_EQ_MSG(test, total_local_flushes() + broadcast_flushes, 0,
			"switching never flushes the TLB");
	KUNIT_EXPECT_EQ_MSG(test, rollovers(), 0, "no rollover");
	KUNIT_EXPECT_TRUE_MSG(test, run(0, NULL), "switch_mm(NULL): the reserved empty table");
	KUNIT_EXPECT_TRUE_MSG(test, cpu_active_mm() == NULL, "no active mm");
	destroy_context(&mms[0]);
	KUNIT_EXPECT_EQ_MSG(test, mms[0].context.id, 0, "destroy_context forgets the id");
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[0]), "a destroyed (reused) mm_struct gets a fresh ASID");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[0]), 3,
			"... a new one: the old one stays taken until the rollover");
	KUNIT_EXPECT_EQ_MSG(test, violations, 0, "TLB model: no address space saw another's entries");
}

/* 3 bits: ASIDs 1..7. */
static void test_rollover_one_cpu(struct kunit *test)
{
	unsigned int running;
	u64 gen;

	reset_machine(16, 3);
	for (int i = 0; i < 7; i++)
		run(0, &mms[i]);
	KUNIT_EXPECT_EQ_MSG(test, rollovers(), 0, "7 address spaces fit in 7 ASIDs");
	running = mm_asid(&mms[6]);
	gen = asid_generation();
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[7]), "an eighth: rollover");
	KUNIT_EXPECT_EQ_MSG(test, rollovers(), 1, "one rollover");
	KUNIT_EXPECT_EQ_MSG(test, asid_generation(), gen + 1, "the generation advanced");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[0], 1, "exactly one local TLB flush");
	KUNIT_EXPECT_TRUE_MSG(test, mm_asid(&mms[7]) != running,
			"the new mm did not get the ASID of the one still in TTBR0");
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[6]), "back to the mm that was running at the rollover");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[6]), running,
			"it kept its ASID (reserved across the rollover)");
	KUNIT_EXPECT_EQ_MSG(test, mms[6].context.id >> 3, asid_generation(),
			"... moved to the new generation");
	KUNIT_EXPECT_TRUE_MSG(test, run(0, &mms[2]), "an mm of the old generation");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[2]), 3,
			"gets its old ASID back when it is still free (Linux's reuse)");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[0], 1, "no further flush");
	KUNIT_EXPECT_EQ_MSG(test, violations, 0, "TLB model: no address space saw another's entries");
}

static unsigned int rnd(struct rnd_state *s)
{
	return prandom_u32_state(s);	/* lib/prandom.c */
}

/* Random switches of many address spaces on one CPU, with 2, 3, 4 and 8 bits. */
static void test_random_one_cpu(struct kunit *test)
{
	static const unsigned int widths[] = { 2, 3, 4, 8 };

	for (unsigned int k = 0; k < ARRAY_SIZE(widths); k++) {
		struct rnd_state seed = { 2463534242u + k };
		unsigned int nr = 40, bad = 0;

		reset_machine(16, widths[k]);
		for (int r = 0; r < 20000; r++) {
			unsigned int x = rnd(&seed);
			struct mm_struct *mm = (x % 53) == 0 ? NULL : &mms[x % nr];

			if ((x % 997) == 0 && mm) {		/* an address space dies, its slot is reused */
				if (cpu_active_mm() == mm)
					run(0, NULL);
				destroy_context(mm);
				continue;
			}
			bad += !run(0, mm);
		}
		KUNIT_EXPECT_EQ_MSG(test, bad, 0,
				"%u-bit ASIDs, 40 mms, 20000 random switches: all invariants held", widths[k]);
		KUNIT_EXPECT_EQ_MSG(test, violations, 0,
				"  no TLB entry of another mm under the running ASID");
		KUNIT_EXPECT_TRUE_MSG(test, rollovers() > 0 || widths[k] >= 8,
				"  rollovers: %lu", rollovers());
		KUNIT_EXPECT_EQ_MSG(test, local_flushes[0], rollovers(),
				"  one local flush per rollover, none otherwise");
	}
}

/*
 * Four CPUs. A rollover on one marks every CPU to flush before its next
 * switch; until then each keeps running its reserved ASID, which nobody
 * else may be given.
 */
static void test_multi_cpu(struct kunit *test)
{
	struct rnd_state seed = { 88172645u };
	unsigned int bad = 0;
	unsigned int asid_b;

	reset_machine(16, 3);
	run(1, &mms[0]);
	run(2, &mms[1]);
	asid_b = mm_asid(&mms[1]);
	for (int i = 2; i < 10; i++)		/* CPU 0 goes through 8 more: a rollover */
		run(0, &mms[i]);
	KUNIT_EXPECT_EQ_MSG(test, rollovers(), 1, "CPU 0 rolled over");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[0], 1, "CPU 0 flushed at once");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[1] + local_flushes[2], 0, "CPUs 1 and 2 not yet (no IPI)");
	for (int i = 2; i < 10; i++)
		KUNIT_EXPECT_TRUE_MSG(test, mm_asid(&mms[i]) != asid_b || mms[i].context.id >> 3 != asid_generation(),
				"mm %d was not given CPU 2's running ASID", i);
	KUNIT_EXPECT_TRUE_MSG(test, run(2, &mms[1]), "CPU 2 switches again (same mm)");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[2], 1, "... and flushes first");
	KUNIT_EXPECT_EQ_MSG(test, mm_asid(&mms[1]), asid_b, "... keeping its reserved ASID");
	KUNIT_EXPECT_TRUE_MSG(test, run(1, &mms[5]), "CPU 1 switches to another mm");
	KUNIT_EXPECT_EQ_MSG(test, local_flushes[1], 1, "... flushing first");

	/* Random: 4 CPUs, 30 mms, 4-bit ASIDs. An mm may run on one CPU at a time (tasks, not threads). */
	reset_machine(16, 4);
	for (int r = 0; r < 40000; r++) {
		unsigned int x = rnd(&seed), cpu = x % NR_CPUS;
		int i = (int)((x >> 8) % 30);
		bool elsewhere = false;

		for (unsigned int c = 0; c < NR_CPUS; c++)
			elsewhere |= c != cpu && cpu_running[c] == i;
		if (elsewhere)
			continue;
		bad += !run(cpu, (x >> 20) % 29 == 0 ? NULL : &mms[i]);
	}
	KUNIT_EXPECT_EQ_MSG(test, bad, 0,
			"4 CPUs, 30 mms, 4-bit ASIDs, random switches: all invariants held");
	KUNIT_EXPECT_EQ_MSG(test, violations, 0, "  no TLB entry of another mm under a running ASID");
	KUNIT_EXPECT_EQ_MSG(test, reused_asid, 0, "  no two CPUs ran different mms with one ASID");
	KUNIT_EXPECT_TRUE_MSG(test, rollovers() > 100, "  rollovers: %lu", rollovers());
	KUNIT_EXPECT_TRUE_MSG(test, total_local_flushes() <= NR_CPUS * rollovers(),
			"  at most one local flush per CPU per rollover (%lu)",
			total_local_flushes());
}

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(16UL << 20)

/* After every case: the machine as selftest_host_init booted it. */
static void asid_host_exit(struct kunit *test)
{
	reset_machine(16, 0);
}

static struct kunit_case asid_host_cases[] = {
	KUNIT_CASE(test_width),
	KUNIT_CASE(test_basic_switching),
	KUNIT_CASE(test_rollover_one_cpu),
	KUNIT_CASE(test_random_one_cpu),
	KUNIT_CASE(test_multi_cpu),
	{ NULL, NULL },
};

static struct kunit_suite asid_host_suite = {
	.name = "asid_host",
	.cases = asid_host_cases,
	.exit = asid_host_exit,
};
selftest_suite(asid_host_suite);

/*
 * The machine: memory for the shared suite's pgd pages, and a 16-bit-ASID
 * CPU 0 with the allocator set up as boot does (asid_init).
 */
int selftest_host_init(void)
{
	host_mm_boot(RAM_BASE, RAM_SIZE);
	for (int i = 0; i < MAX_MMS; i++) {
		struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!page)
			return -ENOMEM;
		pgds[i] = page_address(page);
	}
	reset_machine(16, 0);
	return 0;
}
