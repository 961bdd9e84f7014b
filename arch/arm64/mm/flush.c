/*
 * Keeping instruction fetch coherent with what the kernel writes into user
 * pages (Linux: arch/arm64/mm/flush.c, __sync_icache_dcache).
 *
 * On a CPU whose CTR_EL0.IDC and DIC are 0 (Cortex-A53/A72: every Pi),
 * data written through the D-cache is not seen by instruction fetch until
 * it is cleaned to the point of unification and the I-cache line is
 * invalidated (ARM ARM D7.5.9). The kernel writes user pages in three
 * places that later run as code: exec copies the program, a fault zeroes
 * a fresh page, swap-in decompresses into a frame that may have held other
 * code a moment ago. Each installs the PTE with set_pte_at(), which calls
 * here when the entry is user-executable; the page's PG_dcache_clean says
 * whether it has been synced since its contents were last written by the
 * kernel (a page leaves the allocator with it clear), so the cost is paid
 * once per page, not once per mapping. mprotect to PROT_EXEC goes the
 * same way (change_protection).
 *
 * What a user task writes itself through a writable mapping and then runs
 * (a JIT) is its own business, as on Linux: SCTLR_EL1.UCI lets EL0 issue
 * DC CVAU and IC IVAU for that, and SCTLR_EL1.UCT lets it read CTR_EL0's
 * line sizes (user/jit.c does both).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <asm/cacheflush.h>
#include <asm/pgtable.h>

/* Owner: this file. Updated with atomics: no lock. */
static unsigned long nr_icache_syncs;

void __sync_icache_dcache(pte_t pte)
{
	struct page *page;

	if (!pfn_valid(pte_pfn(pte)))
		return;
	page = pfn_to_page(pte_pfn(pte));
	if (PageDcacheClean(page))
		return;
	flush_icache_range((unsigned long)page_address(page), (unsigned long)page_address(page) + PAGE_SIZE);
	SetPageDcacheClean(page);
	__atomic_fetch_add(&nr_icache_syncs, 1, __ATOMIC_RELAXED);
}

unsigned long icache_syncs(void)
{
	return __atomic_load_n(&nr_icache_syncs, __ATOMIC_RELAXED);
}
