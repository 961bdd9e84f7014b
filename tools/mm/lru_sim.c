/*
 * The simulated machine of lru_sim.h: fault and reclaim paths written to
 * mirror mm/fault.c + mm/swap_state.c and mm/vmscan.c, around the real LRU,
 * rmap, page-table and buddy code.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/mmzone.h>
#include <linux/pgtable.h>
#include <linux/swap.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include "../../mm/lru.h"
#include "../../tests/host/host_shim.h"
#include "lru_sim.h"

#define FAKE_BASE	0x40000000UL

extern struct list_head mm_list;
struct lru_sim_stats sim;
static unsigned int next_asid = 1;

void sim_boot(unsigned long ram_pages)
{
	/* mem_map takes 64 bytes a page, the buddy keeps watermarks: add a margin. */
	unsigned long size = ALIGN(ram_pages * PAGE_SIZE * 9 / 8 + 8 * SZ_1M, 4 * SZ_1M);
	struct kernel_image_sizes sizes = { 0, 0, 0, 0 };

	host_ram_alloc(size, FAKE_BASE);
	memblock_add(FAKE_BASE, size);
	free_area_init(PHYS_PFN(memblock_start_of_DRAM()), PHYS_PFN(memblock_end_of_DRAM()));
	mem_init(&sizes);
}

void sim_reset(const char *policy, unsigned long capacity)
{
	if (lru_set_policy(policy))
		panic("sim_reset: cannot switch to lru=%s", policy);
	memset(&sim, 0, sizeof(sim));
	sim.capacity = capacity;
	sim.batch = 1;
	sim.refs_per_jiffy = 100;
	memset(&tlb_stats, 0, sizeof(tlb_stats));
}

struct mm_struct *sim_mm_new(void)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));

	if (!mm || !(mm->pgd = pgd_alloc()))
		panic("sim_mm_new: out of memory");
	mm->nr_pgtables = 1;
	INIT_LIST_HEAD(&mm->mmap);
	spin_lock_init(&mm->page_table_lock);
	mm->mm_users = 1;
	mm->context.id = next_asid++;
	list_add_tail(&mm->mm_list, &mm_list);
	return mm;
}

/* Every PTE of mm that is not empty, with its address. */
static void for_each_pte(struct mm_struct *mm, void (*fn)(struct mm_struct *, pte_t *, unsigned long))
{
	for (unsigned int i0 = 0; i0 < PTRS_PER_TABLE; i0++) {
		unsigned long a0 = (unsigned long)i0 << PGDIR_SHIFT;
		pgd_t *pgdp = pgd_offset_pgd(mm->pgd, a0);

		if (!pxd_table(*pgdp))
			continue;
		for (unsigned int i1 = 0; i1 < PTRS_PER_TABLE; i1++) {
			unsigned long a1 = a0 | ((unsigned long)i1 << PUD_SHIFT);
			pud_t *pudp = pud_offset(pgdp, a1);

			if (!pxd_table(*pudp))
				continue;
			for (unsigned int i2 = 0; i2 < PTRS_PER_TABLE; i2++) {
				unsigned long a2 = a1 | ((unsigned long)i2 << PMD_SHIFT);
				pmd_t *pmdp = pmd_offset(pudp, a2);

				if (!pxd_table(*pmdp))
					continue;
				for (unsigned int i3 = 0; i3 < PTRS_PER_TABLE; i3++) {
					unsigned long a3 = a2 | ((unsigned long)i3 << PAGE_SHIFT);
					pte_t *ptep = pte_offset_kernel(pmdp, a3);

					if (*ptep)
						fn(mm, ptep, a3);
				}
			}
		}
	}
}

/* What unmap (zap_pte_range) must do for an anonymous page: rmap and LRU first, then free. */
static void zap_one(struct mm_struct *mm, pte_t *ptep, unsigned long addr)
{
	pte_t pte = ptep_get_and_clear(ptep);

	if (pte_present(pte)) {
		struct page *page = pfn_to_page(pte_pfn(pte));

		page_remove_anon(page);
		ClearPageSwapBacked(page);
		__free_page(page);
		dec_mm_counter(mm, MM_ANONPAGES);
		sim.resident--;
	} else if (is_swap_pte(pte)) {
		dec_mm_counter(mm, MM_SWAPENTS);
	}
}

void sim_mm_free(struct mm_struct *mm)
{
	for_each_pte(mm, zap_one);
	flush_tlb_asid(mm_asid(mm));
	list_del(&mm->mm_list);
	free_pgd_range(mm->pgd, &mm->nr_pgtables);
	free(mm);
}

unsigned long sim_reclaim(unsigned long nr)
{
	LIST_HEAD(victims);
	unsigned long scanned, freed = 0;
	struct page *page, *n;

	sim.reclaims++;
	lru_policy->isolate(nr, &victims, &scanned);
	list_for_each_entry_safe(page, n, &victims, lru) {
		struct mm_struct *mm = page->mapping;
		pte_t *ptep = page_pte(page);
		unsigned long shadow;

		list_del_init(&page->lru);
		if (!mm || !ptep) {
			lru_policy->putback(page);
			continue;
		}
		/* The swap slot would keep the shadow (zram_set_shadow); here the PTE does. */
		shadow = lru_policy->shadow(page);
		WRITE_ONCE(*ptep, swp_entry_to_pte(swp_entry(0, shadow)));
		flush_tlb_page(mm_asid(mm), page->index);
		dec_mm_counter(mm, MM_ANONPAGES);
		inc_mm_counter(mm, MM_SWAPENTS);
		page_remove_anon(page);
		ClearPageSwapBacked(page);
		__free_page(page);
		sim.resident--;
		sim.evictions++;
		freed++;
	}
	return freed;
}

/* kernel's mm/vmscan.c entry point, for the `lru_gen evict N` shell command. */
unsigned long shrink_anon(unsigned long nr, bool kswapd)
{
	return sim_reclaim(nr);
}

bool sim_access(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep, pte;
	struct page *page;

	addr &= PAGE_MASK;
	if (++sim.refs % sim.refs_per_jiffy == 0)
		jiffies++;
	ptep = pte_alloc(mm->pgd, addr, GFP_KERNEL, &mm->nr_pgtables);
	if (!ptep)
		panic("sim_access: no memory for a page table");
	pte = ptep_get(ptep);
	if (pte_present(pte)) {
		/* The MMU's hardware access-flag update (FEAT_HAFDBS). */
		__atomic_or_fetch(ptep, PTE_AF, __ATOMIC_RELAXED);
		return false;
	}
	sim.faults++;
	while (sim.resident >= sim.capacity)
		if (!sim_reclaim(sim.batch))
			panic("sim_access: memory full and the policy isolated nothing");
	page = alloc_page(GFP_KERNEL);
	if (!page)
		panic("sim_access: fake RAM exhausted");
	page->mapping = mm;
	page->index = addr;
	atomic_set(&page->_mapcount, 0);	/* first mapper of a page nobody else sees (Linux: page_add_new_anon_rmap) */
	SetPageSwapBacked(page);
	inc_mm_counter(mm, MM_ANONPAGES);
	if (is_swap_pte(pte)) {
		sim.refaults++;
		dec_mm_counter(mm, MM_SWAPENTS);
		lru_add_refault(page, mm, addr, swp_offset(pte_to_swp_entry(pte)));
	} else {
		lru_add_new_anon(page, mm, addr);
	}
	/* As do_anonymous_page: the fault's own access sets AF. */
	set_pte(ptep, pfn_pte(page_to_pfn(page), PAGE_SHARED) | PTE_AF);
	sim.resident++;
	return true;
}

u64 sim_pte(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = pte_lookup(mm->pgd, addr & PAGE_MASK);

	return ptep ? ptep_get(ptep) : 0;
}

bool sim_resident(struct mm_struct *mm, unsigned long addr)
{
	return pte_present(sim_pte(mm, addr));
}
