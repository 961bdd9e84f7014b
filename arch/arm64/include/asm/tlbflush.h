/*
 * TLB maintenance (ARM ARM D8.13, "TLB maintenance instructions"; Linux:
 * arch/arm64/include/asm/tlbflush.h). Every helper uses the architectural
 * sequence for a change to a live translation table entry:
 *
 *   dsb ishst    the table write is visible to every walker in the
 *                inner-shareable domain before the invalidation
 *   tlbi ...is   invalidate, broadcast to all CPUs ("is" = inner shareable)
 *   dsb ish      wait until every CPU has done it
 *   isb          (local) later instructions see the new mapping
 *
 * The TLBI operand for by-VA forms is VA[55:12] in bits [43:0] and the
 * ASID in bits [63:48].
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

#include <linux/types.h>

/* Above this many pages, a range flush invalidates the whole ASID instead. */
#define MAX_TLBI_OPS	64

/* Counters for tests and the shell: how many of each kind were issued. */
struct tlb_stats {
	unsigned long page, range, asid, all, kernel, walk;	/* walk: vae1is */
};
extern struct tlb_stats tlb_stats;

void flush_tlb_all(void);				/* tlbi vmalle1is */
void flush_tlb_asid(unsigned int asid);			/* tlbi aside1is */
void flush_tlb_page(unsigned int asid, unsigned long va);	/* tlbi vale1is */
/* [start, end) of one ASID: per page up to MAX_TLBI_OPS pages, else the whole ASID. */
void flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end);
/*
 * The same, choosing the TLBI: last_level (vale1is) drops only page/block
 * entries; !last_level (vae1is) also the walk cache's table entries, needed
 * when a table page is freed (Linux: __flush_tlb_range's last_level).
 */
void __flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end, bool last_level);
/* Global (kernel) mappings: tlbi vaale1is per page, or vmalle1is above the threshold. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* Only the local CPU, after writing TTBR0 on rollover (tlbi vmalle1; dsb nsh; isb). */
void local_flush_tlb_all(void);

#endif
