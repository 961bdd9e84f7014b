/*
 * Making freshly written instructions executable (ARM ARM D7.5.9, "Cache
 * maintenance for instruction modifications"): the data cache must be
 * cleaned to the point of unification, then the instruction cache
 * invalidated, each step completed with DSB, and the pipeline resynced with
 * ISB. Linux: caches_clean_inval_pou / flush_icache_range.
 */
#ifndef _ASM_CACHEFLUSH_H
#define _ASM_CACHEFLUSH_H

#include <asm/barrier.h>

static inline void flush_icache_range(unsigned long start, unsigned long end)
{
	unsigned long ctr, dline;

	__asm__ __volatile__("mrs %0, ctr_el0" : "=r"(ctr));
	dline = 4UL << ((ctr >> 16) & 0xf);	/* CTR_EL0.DminLine */
	for (unsigned long a = start & ~(dline - 1); a < end; a += dline)
		__asm__ __volatile__("dc cvau, %0" :: "r"(a) : "memory");
	dsb(ish);
	/* The page was written through the linear map, so invalidate by set/way-free "all". */
	__asm__ __volatile__("ic ialluis" ::: "memory");
	dsb(ish);
	isb();
}

/*
 * A user-executable PTE is about to map a page: make sure instruction
 * fetch sees what the kernel wrote into it (arch/arm64/mm/flush.c).
 */
void __sync_icache_dcache(u64 pte);

/* Pages synced so far by __sync_icache_dcache (for tests and `vmstat`). */
unsigned long icache_syncs(void);

#endif
