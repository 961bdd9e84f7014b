/*
 * Host build: the host's caches are coherent for instruction fetch, so
 * flush_icache_range has nothing to do; arch/arm64/mm/flush.c itself is
 * compiled against this, keeping PG_dcache_clean and the count, so tests
 * see which mappings sync.
 */
#ifndef _HOST_ASM_CACHEFLUSH_H
#define _HOST_ASM_CACHEFLUSH_H

#include <linux/types.h>

static inline void flush_icache_range(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
}

void __sync_icache_dcache(u64 pte);
unsigned long icache_syncs(void);

#endif
