/*
 * ASID allocation and TTBR0 switching (asm/mmu_context.h), the algorithm
 * of Linux's arch/arm64/mm/context.c.
 *
 * User mappings are nG ("not global"): their TLB entries carry the ASID
 * that was in TTBR0_EL1[63:48] when they were fetched, and only match while
 * the same ASID is current. So switching address spaces is one TTBR0 write,
 * with no TLB flush -- as long as no two live address spaces share an ASID.
 *
 * There are few ASIDs (255 or 65535 usable: ASID 0 is reserved for "no
 * user mm"), so they are handed out by generation:
 *
 *   mm->context.id = generation | asid        (generation: multiples of 2^bits)
 *
 * An mm whose id carries the current generation owns its ASID. When the
 * bitmap of the current generation is full, a rollover starts the next one:
 * the bitmap is cleared except for the ASIDs CPUs are running right now
 * ("reserved": their mms keep them), every CPU is marked to flush its whole
 * TLB before its next switch (tlb_flush_pending), and every other mm finds
 * a stale generation the next time it runs and gets a fresh ASID. Between
 * rollovers no TLB flush is ever needed on a switch.
 *
 * Per-CPU state, as Linux's:
 *   active_asids[cpu]    the id this CPU runs; 0 after a rollover until
 *                        its next switch (then reserved_asids[cpu] holds it)
 *   reserved_asids[cpu]  the id kept across the last rollover
 *   tlb_flush_pending    CPUs that must flush their TLB locally before their
 *                        next switch. Linux flushes lazily per CPU like this
 *                        so a rollover costs no IPIs: each CPU does a local
 *                        `tlbi vmalle1` the next time it switches, and until
 *                        then it runs only its reserved ASID, which nobody
 *                        else can be given. With one CPU this is the CPU
 *                        doing the rollover, so the flush happens at once.
 */
#include <linux/bitmap.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm_types_task.h>
#include <linux/shell.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>
#include <asm/cpufeature.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>
#include <stdlib.h>
#include "context_internal.h"

#define MAX_ASID_BITS	16

static DEFINE_SPINLOCK(cpu_asid_lock);
static unsigned int nr_asid_bits = 8;		/* in use (after the asid_bits= limit) */
VISIBLE_IF_KUNIT unsigned int asid_bits_limit;		/* asid_bits= on the command line, 0 = none */
static u64 generation = 1UL << 8;		/* current generation, a multiple of 2^bits */
static bool asid_ready;				/* asid_init has run */
static unsigned long nr_rollovers;
static DECLARE_BITMAP(asid_map, 1UL << MAX_ASID_BITS);
static unsigned long cur_idx = 1;		/* where the next search starts */
static u64 active_asids[NR_CPUS];
static u64 reserved_asids[NR_CPUS];
static unsigned long tlb_flush_pending;		/* one bit per CPU */
static struct mm_struct *active_mm[NR_CPUS];	/* the mm in this CPU's TTBR0, or NULL */

#define NUM_USER_ASIDS		(1UL << nr_asid_bits)
#define ASID_FIRST_VERSION	NUM_USER_ASIDS
#define ASID_MASK		(NUM_USER_ASIDS - 1)
#define ctxid2asid(id)		((id) & ASID_MASK)

static bool asid_gen_match(u64 id)
{
	return !((id ^ __atomic_load_n(&generation, __ATOMIC_RELAXED)) >> nr_asid_bits);
}

/*
 * asid_map has NUM_USER_ASIDS bits (Linux: the same, with bitmap_zero,
 * __set_bit and find_next_zero_bit from lib/bitmap.c); the lock guards it,
 * so the non-atomic bit ops do. No bit at or past NUM_USER_ASIDS is ever
 * set: ids are masked with ASID_MASK and a change of width clears the map.
 */
static unsigned long asids_in_use(void)
{
	return bitmap_weight(asid_map, NUM_USER_ASIDS);
}

/* ---- the allocator (Linux: flush_context, new_context) -------------------- */

/* Start over with an empty bitmap; the ASIDs running now stay reserved. Lock held. */
static void flush_context(void)
{
	bitmap_zero(asid_map, NUM_USER_ASIDS);

	/*
	 * Order the caller's generation bump (a relaxed RMW) before the stores
	 * that zero the active_asids slots: any CPU that reads a zeroed slot
	 * and then (with a read barrier or acquire) the generation sees the
	 * new one. This is the smp_wmb() of Linux's arm64 flush_context (v4.x:
	 * "Ensure the generation bump is observed before we xchg the
	 * active_asids"); DMB ISHST orders the stores for every CPU in the
	 * inner-shareable domain.
	 *
	 * What it does not have to do: make the fast path of
	 * check_and_switch_context safe. There the atomic cmpxchg on the slot
	 * decides: either it lands before our xchg (which then reads the id
	 * and reserves it) or after (it finds 0, fails, and the CPU takes
	 * cpu_asid_lock, which we hold, before looking at the generation).
	 */
	smp_wmb();
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		u64 id = __atomic_exchange_n(&active_asids[cpu], 0, __ATOMIC_RELAXED);

		/*
		 * A CPU that has been through a rollover without switching since
		 * still runs the id kept in reserved_asids: keep it reserved.
		 */
		if (id == 0)
			id = reserved_asids[cpu];
		__set_bit(ctxid2asid(id), asid_map);
		reserved_asids[cpu] = id;
	}
	/* Every CPU flushes its whole TLB before its next switch (see the top). */
	__atomic_store_n(&tlb_flush_pending, (1UL << NR_CPUS) - 1, __ATOMIC_RELAXED);
	nr_rollovers++;
}

/* If id is reserved by some CPU, move the reservation to the new generation. Lock held. */
static bool check_update_reserved_asid(u64 id, u64 newid)
{
	bool hit = false;

	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (reserved_asids[cpu] == id) {
			hit = true;
			reserved_asids[cpu] = newid;
		}
	}
	return hit;
}

static u64 new_context(struct mm_struct *mm)
{
	u64 id = mm->context.id, gen = generation;
	unsigned long asid;

	if (id != 0) {
		u64 newid = gen | ctxid2asid(id);

		/* Kept across the rollover because a CPU was running it. */
		if (check_update_reserved_asid(id, newid))
			return newid;
		/* Its old number may still be free in this generation: keep it (fewer TLB misses). */
		if (ctxid2asid(id) && !__test_and_set_bit(ctxid2asid(id), asid_map))
			return newid;
	}
	asid = find_next_zero_bit(asid_map, NUM_USER_ASIDS, cur_idx);
	if (asid == NUM_USER_ASIDS) {
		/* Out of ASIDs: the next generation. */
		gen = __atomic_add_fetch(&generation, ASID_FIRST_VERSION, __ATOMIC_RELAXED);
		flush_context();
		asid = find_next_zero_bit(asid_map, NUM_USER_ASIDS, 1);
		BUG_ON(asid == NUM_USER_ASIDS);	/* more CPUs than ASIDs */
	}
	__set_bit(asid, asid_map);
	cur_idx = asid;
	return gen | asid;
}

unsigned int check_and_switch_context(struct mm_struct *mm)
{
	unsigned int cpu = smp_processor_id();
	u64 id = __atomic_load_n(&mm->context.id, __ATOMIC_RELAXED);
	u64 old_active = __atomic_load_n(&active_asids[cpu], __ATOMIC_RELAXED);
	unsigned long flags;

	/*
	 * Fast path: the id is of this generation and no rollover is racing with
	 * us (a rollover sets active_asids to 0; the cmpxchg would fail).
	 */
	if (old_active && asid_gen_match(id) &&
	    __atomic_compare_exchange_n(&active_asids[cpu], &old_active, id, false,
					__ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return (unsigned int)ctxid2asid(id);

	spin_lock_irqsave(&cpu_asid_lock, flags);
	id = mm->context.id;
	if (!asid_gen_match(id)) {
		id = new_context(mm);
		__atomic_store_n(&mm->context.id, id, __ATOMIC_RELAXED);
	}
	if (tlb_flush_pending & (1UL << cpu)) {
		__atomic_and_fetch(&tlb_flush_pending, ~(1UL << cpu), __ATOMIC_RELAXED);
		local_flush_tlb_all();
	}
	__atomic_store_n(&active_asids[cpu], id, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&cpu_asid_lock, flags);
	return (unsigned int)ctxid2asid(id);
}

/*
 * TTBR0 := next's tables with next's ASID. No TLB flush: other address
 * spaces' entries carry other ASIDs. NULL (a kernel thread, or an mm being
 * torn down): the empty reserved table with ASID 0, so no user address
 * translates (Linux: cpu_set_reserved_ttbr0).
 */
void switch_mm(struct mm_struct *next)
{
	unsigned int cpu = smp_processor_id();
	unsigned long flags;

	if (!next) {
		cpu_set_reserved_ttbr0();
		spin_lock_irqsave(&cpu_asid_lock, flags);
		__atomic_store_n(&active_asids[cpu], 0, __ATOMIC_RELAXED);
		reserved_asids[cpu] = 0;
		spin_unlock_irqrestore(&cpu_asid_lock, flags);
		active_mm[cpu] = NULL;
		return;
	}
	cpu_do_switch_mm(__pa(next->pgd), check_and_switch_context(next));
	active_mm[cpu] = next;
}

struct mm_struct *cpu_active_mm(void)
{
	return active_mm[smp_processor_id()];
}

unsigned int mm_asid(const struct mm_struct *mm)
{
	return mm ? (unsigned int)ctxid2asid(__atomic_load_n(&mm->context.id, __ATOMIC_RELAXED)) : 0;
}

/*
 * The mm is going away. Its ASID stays marked in the bitmap until the next
 * rollover (as in Linux): its TLB entries may still exist, and only the
 * rollover's flush removes them. It must not be in any CPU's TTBR0.
 */
void destroy_context(struct mm_struct *mm)
{
	if (active_mm[smp_processor_id()] == mm)
		printk("WARNING: destroy_context: mm %p is still in TTBR0 (switch_mm away first)\n", (void *)mm);
	mm->context.id = 0;
}

/* ---- set-up ---------------------------------------------------------------- */

static unsigned int hw_asid_bits(void)
{
	return cpuid_field(read_id_aa64mmfr0(), ID_AA64MMFR0_ASIDBITS_SHIFT) ==
	       ID_AA64MMFR0_ASIDBITS_16 ? 16 : 8;
}

/*
 * Use `bits` ASID bits from now on. Every existing id becomes stale (the
 * new generation is above any old id read with the new width), the bitmap
 * starts empty and the TLB is flushed. Only with no user mm in any TTBR0.
 */
static void asid_reset(unsigned int bits)
{
	unsigned long flags;
	u64 old_top;

	spin_lock_irqsave(&cpu_asid_lock, flags);
	old_top = generation | ASID_MASK;
	nr_asid_bits = bits;
	/* Generation 1 at boot; after that, one above every id handed out so far. */
	generation = asid_ready ? ((old_top >> bits) + 1) << bits : 1UL << bits;
	asid_ready = true;
	bitmap_zero(asid_map, NUM_USER_ASIDS);
	cur_idx = 1;
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		active_asids[cpu] = reserved_asids[cpu] = 0;
	tlb_flush_pending = 0;
	spin_unlock_irqrestore(&cpu_asid_lock, flags);
	flush_tlb_all();
}

void asid_init(void)
{
	unsigned int hw = hw_asid_bits(), bits = hw;

	if (asid_bits_limit && asid_bits_limit < hw)
		bits = asid_bits_limit;
	asid_reset(bits);
	printk("ASID allocator: %u-bit ASIDs in hardware, using %u bits: %lu user ASIDs\n",
	       hw, bits, NUM_USER_ASIDS - 1);
}

/* For tests: a smaller ASID space (2..hardware bits) to force rollovers; 0 = hardware width. */
int asid_set_bits(unsigned int bits)
{
	unsigned int hw = hw_asid_bits();

	if (bits == 0)
		bits = hw;
	if (bits < 2 || bits > hw)
		return -1;
	asid_reset(bits);
	return 0;
}

unsigned int asid_bits(void)
{
	return nr_asid_bits;
}

u64 asid_generation(void)
{
	return __atomic_load_n(&generation, __ATOMIC_RELAXED) >> nr_asid_bits;
}

unsigned long asid_rollovers(void)
{
	return nr_rollovers;
}

/*
 * asid_bits=N: use only N bits (2..16) of ASID, so rollover comes quickly.
 * Two is the least: ASID 0 is reserved and a rollover keeps the running one.
 */
VISIBLE_IF_KUNIT int __init parse_asid_bits(const char *val)
{
	char *end;
	unsigned long n;

	if (!val)
		return -1;
	n = strtoul(val, &end, 0);
	if (*end || n < 2 || n > MAX_ASID_BITS)
		return -1;
	asid_bits_limit = (unsigned int)n;
	return 0;
}
__setup("asid_bits", parse_asid_bits);

static int cmd_asid(int argc, char **argv)
{
	printk("ASIDs: %u bits, generation %lu, %lu rollovers, %lu of %lu in use this generation\n",
	       nr_asid_bits, (unsigned long)asid_generation(), nr_rollovers, asids_in_use(),
	       NUM_USER_ASIDS);
	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		if (active_asids[cpu] || reserved_asids[cpu] || active_mm[cpu])
			printk("  cpu%d: active id 0x%lx, reserved id 0x%lx, TTBR0 mm %p\n", cpu,
			       (unsigned long)active_asids[cpu], (unsigned long)reserved_asids[cpu],
			       (void *)active_mm[cpu]);
	return 0;
}
shell_command("asid", "asid", "the ASID allocator: width, generation, rollovers", cmd_asid);
