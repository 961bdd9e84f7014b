/*
 * Host build: the host's caches are coherent for instruction fetch, so
 * there is nothing to maintain. __sync_icache_dcache (tests/host/host_shim.c)
 * keeps arm64's bookkeeping, PG_dcache_clean and the count, so tests can
 * see which mappings would have synced.
 */
#ifndef _HOST_ASM_CACHEFLUSH_H
#define _HOST_ASM_CACHEFLUSH_H

#include <linux/types.h>

void __sync_icache_dcache(u64 pte);
unsigned long icache_syncs(void);

#endif
