/*
 * Host unit tests for the ASID allocator (arch/arm64/mm/context.c), under
 * ASan/UBSan, on up to four simulated CPUs.
 *
 * context.c is linked in, with stand-ins for what it takes from the CPU:
 * smp_processor_id() is host_cpu, a variable the test sets, "writing TTBR0"
 * records the value per CPU, and the TLB is a model -- for each CPU and
 * each ASID, which address space filled entries since that CPU's last
 * flush. The property every test checks after every switch:
 *
 *   the CPU's TLB holds no entry, under the ASID now in TTBR0, that another
 *   address space put there      (else it could read that space's memory)
 *
 * plus: no two CPUs run different address spaces with the same ASID, ASID 0
 * is never handed out, and a CPU flushes its TLB only for a rollover.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/prandom.h>
#include <linux/types.h>

#include <linux/kernel.h>
#include <linux/mm_types_task.h>
#include <asm/cpufeature.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>
#include "../../arch/arm64/mm/context_internal.h"

#include "host_shim.h"
#include "tap.h"

/* ---- the machine, played by the test --------------------------------------- */

u64 host_id_aa64mmfr0, host_id_aa64mmfr1;
u64 host_ttbr0;
unsigned long host_ttbr0_writes;
struct tlb_stats tlb_stats;

#define MAX_MMS 64
static struct mm_struct mms[MAX_MMS];
static u64 pgds[MAX_MMS][512] __aligned(4096);	/* stand-ins: only their addresses matter */
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

static void test_width(void)
{
	reset_machine(8, 0);
	is_int(asid_bits(), 8, "ASIDBits = 0b0000: 8-bit ASIDs");
	reset_machine(16, 0);
	is_int(asid_bits(), 16, "ASIDBits = 0b0010: 16-bit ASIDs");
	reset_machine(16, 4);
	is_int(asid_bits(), 4, "asid_bits=4 limits a 16-bit CPU to 4 bits");
	reset_machine(8, 12);
	is_int(asid_bits(), 8, "a limit above the hardware is the hardware");

	asid_bits_limit = 0;
	is_int(parse_asid_bits("5"), 0, "asid_bits=5 accepted");
	is_int(asid_bits_limit, 5, "... and recorded");
	is_int(parse_asid_bits("1"), -1, "asid_bits=1 refused (ASID 0 is reserved, one must stay free)");
	is_int(parse_asid_bits("17"), -1, "asid_bits=17 refused");
	is_int(parse_asid_bits("x"), -1, "asid_bits=x refused");
	is_int(parse_asid_bits(NULL), -1, "bare asid_bits refused");
	asid_bits_limit = 0;

	reset_machine(16, 0);
	is_int(asid_set_bits(1), -1, "asid_set_bits(1) refused");
	is_int(asid_set_bits(17), -1, "asid_set_bits(17) refused");
	is_int(asid_set_bits(3), 0, "asid_set_bits(3)");
	is_int(asid_bits(), 3, "... in effect");
	is_int(asid_set_bits(0), 0, "asid_set_bits(0): back to the hardware width");
	is_int(asid_bits(), 16, "... 16");
}

static void test_basic_switching(void)
{
	unsigned long writes;

	reset_machine(16, 0);
	ok(run(0, &mms[0]), "first switch");
	is_int(mm_asid(&mms[0]), 1, "the first mm gets ASID 1 (0 is reserved)");
	is_int(mms[0].context.id >> 16, asid_generation(), "context.id carries the generation above the ASID bits");
	is_int(host_ttbr0, (u64)__pa(pgds[0]) | (1UL << 48), "TTBR0 = pgd | ASID << 48");
	ok(run(0, &mms[1]), "second mm");
	is_int(mm_asid(&mms[1]), 2, "gets ASID 2");
	ok(cpu_active_mm() == &mms[1], "cpu_active_mm follows switch_mm");
	writes = host_ttbr0_writes;
	for (int r = 0; r < 100; r++)
		run(0, &mms[r & 1]);
	is_int(host_ttbr0_writes - writes, 100, "one TTBR0 write per switch");
	is_int(mm_asid(&mms[0]), 1, "ASIDs are kept while the generation lasts");
	is_int(total_local_flushes() + broadcast_flushes, 0, "switching never flushes the TLB");
	is_int(rollovers(), 0, "no rollover");
	ok(run(0, NULL), "switch_mm(NULL): the reserved empty table");
	ok(cpu_active_mm() == NULL, "no active mm");
	destroy_context(&mms[0]);
	is_int(mms[0].context.id, 0, "destroy_context forgets the id");
	ok(run(0, &mms[0]), "a destroyed (reused) mm_struct gets a fresh ASID");
	is_int(mm_asid(&mms[0]), 3, "... a new one: the old one stays taken until the rollover");
	is_int(violations, 0, "TLB model: no address space saw another's entries");
}

/* 3 bits: ASIDs 1..7. */
static void test_rollover_one_cpu(void)
{
	unsigned int running;
	u64 gen;

	reset_machine(16, 3);
	for (int i = 0; i < 7; i++)
		run(0, &mms[i]);
	is_int(rollovers(), 0, "7 address spaces fit in 7 ASIDs");
	running = mm_asid(&mms[6]);
	gen = asid_generation();
	ok(run(0, &mms[7]), "an eighth: rollover");
	is_int(rollovers(), 1, "one rollover");
	is_int(asid_generation(), gen + 1, "the generation advanced");
	is_int(local_flushes[0], 1, "exactly one local TLB flush");
	ok(mm_asid(&mms[7]) != running, "the new mm did not get the ASID of the one still in TTBR0");
	ok(run(0, &mms[6]), "back to the mm that was running at the rollover");
	is_int(mm_asid(&mms[6]), running, "it kept its ASID (reserved across the rollover)");
	is_int(mms[6].context.id >> 3, asid_generation(), "... moved to the new generation");
	ok(run(0, &mms[2]), "an mm of the old generation");
	is_int(mm_asid(&mms[2]), 3, "gets its old ASID back when it is still free (Linux's reuse)");
	is_int(local_flushes[0], 1, "no further flush");
	is_int(violations, 0, "TLB model: no address space saw another's entries");
}

static unsigned int rnd(struct rnd_state *s)
{
	return prandom_u32_state(s);	/* lib/prandom.c */
}

/* Random switches of many address spaces on one CPU, with 2, 3, 4 and 8 bits. */
static void test_random_one_cpu(void)
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
		is_int(bad, 0, "%u-bit ASIDs, 40 mms, 20000 random switches: all invariants held", widths[k]);
		is_int(violations, 0, "  no TLB entry of another mm under the running ASID");
		ok(rollovers() > 0 || widths[k] >= 8, "  rollovers: %lu", rollovers());
		is_int(local_flushes[0], rollovers(), "  one local flush per rollover, none otherwise");
	}
}

/*
 * Four CPUs. A rollover on one marks every CPU to flush before its next
 * switch; until then each keeps running its reserved ASID, which nobody
 * else may be given.
 */
static void test_multi_cpu(void)
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
	is_int(rollovers(), 1, "CPU 0 rolled over");
	is_int(local_flushes[0], 1, "CPU 0 flushed at once");
	is_int(local_flushes[1] + local_flushes[2], 0, "CPUs 1 and 2 not yet (no IPI)");
	for (int i = 2; i < 10; i++)
		ok(mm_asid(&mms[i]) != asid_b || mms[i].context.id >> 3 != asid_generation(),
		   "mm %d was not given CPU 2's running ASID", i);
	ok(run(2, &mms[1]), "CPU 2 switches again (same mm)");
	is_int(local_flushes[2], 1, "... and flushes first");
	is_int(mm_asid(&mms[1]), asid_b, "... keeping its reserved ASID");
	ok(run(1, &mms[5]), "CPU 1 switches to another mm");
	is_int(local_flushes[1], 1, "... flushing first");

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
	is_int(bad, 0, "4 CPUs, 30 mms, 4-bit ASIDs, random switches: all invariants held");
	is_int(violations, 0, "  no TLB entry of another mm under a running ASID");
	is_int(reused_asid, 0, "  no two CPUs ran different mms with one ASID");
	ok(rollovers() > 100, "  rollovers: %lu", rollovers());
	ok(total_local_flushes() <= NR_CPUS * rollovers(), "  at most one local flush per CPU per rollover (%lu)",
	   total_local_flushes());
}

int main(void)
{
	test_width();
	test_basic_switching();
	test_rollover_one_cpu();
	test_random_one_cpu();
	test_multi_cpu();
	return done_testing();
}
