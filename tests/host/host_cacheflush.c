/*
 * Host stand-in for arch/arm64/flush.c: the same PG_dcache_clean
 * bookkeeping and count, without the cache maintenance (the host needs none).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <asm/cacheflush.h>
#include <asm/pgtable.h>

static unsigned long nr_icache_syncs;

void __sync_icache_dcache(u64 pte)
{
	struct page *page;

	if (!pfn_valid(pte_pfn(pte)))
		return;
	page = pfn_to_page(pte_pfn(pte));
	if (PageDcacheClean(page))
		return;
	SetPageDcacheClean(page);
	nr_icache_syncs++;
}

unsigned long icache_syncs(void)
{
	return nr_icache_syncs;
}
