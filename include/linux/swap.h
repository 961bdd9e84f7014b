/*
 * Reclaim of anonymous memory: the LRU policies (mm/lru_*.c), the reverse
 * map (mm/rmap.c), the swap area (mm/zram.c on mm/zsmalloc.c) and the
 * reclaim driver (mm/vmscan.c, kswapd). Linux: include/linux/swap.h,
 * mm_inline.h, mmzone.h (lru_gen), rmap.h.
 *
 * Life of an anonymous page:
 *   fault/exec  -> lru_add_new_anon() -> policy->add(page, refault=false)
 *   reclaim     -> policy->isolate() picks victims (aging by the PTE access
 *                  flag as the policy sees fit) -> try_to_unmap() writes a swap
 *                  entry into the PTE -> zram_write() stores the data -> freed
 *   next touch  -> do_swap_page(): zram_read() into a new page, PTE restored,
 *                  policy->add(page, refault=true, shadow)
 *   unmap/exit  -> page_remove_anon() -> policy->del(page) -> freed
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/list.h>
#include <asm/pgtable.h>

struct page;
struct mm_struct;

/* ---- LRU policies -------------------------------------------------------- */

struct lru_policy {
	const char *name;			/* "gen", "classic", "clock" (bootarg lru=) */
	void (*init)(void);
	/*
	 * A page just mapped into a user address space. refault: it came back
	 * from swap; shadow is what policy->shadow() returned when it was evicted.
	 */
	void (*add)(struct page *page, bool refault, unsigned long shadow);
	/* The page leaves the LRU for good (its owner unmapped it). PG_lru is set on entry. */
	void (*del)(struct page *page);
	/*
	 * Pick up to nr pages to evict, coldest first, and move them onto
	 * victims (via page->lru, PG_lru cleared). Pages seen referenced are kept
	 * (rotated, activated, promoted) as the policy does. *scanned counts the
	 * pages examined. Returns the number isolated.
	 */
	unsigned long (*isolate)(unsigned long nr, struct list_head *victims, unsigned long *scanned);
	/* An isolated page that could not be evicted goes back on the LRU. */
	void (*putback)(struct page *page);
	/* What to remember about an evicted page, to judge its refault (workingset shadow). */
	unsigned long (*shadow)(struct page *page);
	/* Print the policy's state (lru_gen: like /sys/kernel/debug/lru_gen). */
	void (*show)(void);
	unsigned long (*nr_pages)(void);	/* pages on its lists */
};

extern const struct lru_policy *lru_policy;	/* chosen with lru=gen|classic|clock (default gen) */
extern const struct lru_policy lru_gen_policy, lru_classic_policy, lru_clock_policy;

/* The hooks mm/fault.c, exec and unmap call. */
void lru_add_new_anon(struct page *page, struct mm_struct *mm, unsigned long addr);
/* Drop one mapping of page (its PTE is being cleared); off the LRU when the last one goes. */
void page_remove_anon(struct page *page);

/* ---- reverse map (mm/rmap.c) ---------------------------------------------- */

/* The PTE that maps an anonymous page (page->mapping = mm, page->index = address). */
pte_t *page_pte(struct page *page);
/*
 * Was the page accessed since the last call? Tests and clears the access
 * flag in its PTE, with the TLB invalidation that needs (Linux:
 * folio_referenced / ptep_clear_flush_young).
 */
bool page_referenced(struct page *page);

/* ---- the swap area (mm/zram.c) --------------------------------------------- */

/* Size from bootarg zram.size= (default a quarter of RAM). 0 or -errno. */
int zram_init(unsigned long disksize);
/*
 * Compress and store a page; returns 0 and the slot (swap offset), or
 * -ENOSPC when the area (slots or its memory limit) is full, -ENOMEM when
 * the pool cannot grow. Pages of one repeated word take no pool memory.
 */
int zram_write_page(struct page *page, unsigned long *slot);
/*
 * Reclaim's store: as zram_write_page, but a page lz4 cannot shrink below
 * the huge class is refused with -E2BIG instead of stored as-is.
 */
int zram_store_page(struct page *page, unsigned long *slot);
/* A free slot, and the pool under its memory limit: could a page be stored now? */
bool zram_can_store(void);
/* Decompress slot into page. -EIO if the stored data is corrupt (the caller kills the owner). */
int zram_read_page(unsigned long slot, struct page *page);
/* Release a slot (swap entry freed). */
void zram_free_slot(unsigned long slot);
/* Remember/return a policy shadow value in the slot's metadata. */
void zram_set_shadow(unsigned long slot, unsigned long shadow);
unsigned long zram_get_shadow(unsigned long slot);
unsigned long zram_nr_slots(void);
unsigned long zram_slots_used(void);
/* zram's mm_stat line: orig_data_size compr_data_size mem_used_total mem_limit mem_used_max same_pages pages_compacted huge_pages */
void zram_show_mm_stat(void);
/* For tests: damage the compressed bytes stored in slot (returns 0 if there were any). */
int zram_corrupt_slot(unsigned long slot);

/* Fault every swapped-out page of every mm back in (swapoff). Pages brought back, or -ENOMEM. */
long try_to_unuse(void);

/* meminfo's SwapTotal / SwapFree, in pages (slots of the swap area). */
unsigned long total_swap_pages(void);
unsigned long nr_free_swap_pages(void);

/* Free the swap entry held in a PTE that is being cleared (unmap, exit). */
void free_swap_entry(swp_entry_t entry);

/* ---- reclaim (mm/vmscan.c) --------------------------------------------------- */

extern int vm_swappiness;			/* sysctl vm.swappiness, 0..200 */
/* Try to free nr pages now; returns pages freed. kswapd = true from kswapd. */
unsigned long shrink_anon(unsigned long nr, bool kswapd);
/* Start the kswapd kernel thread (boot). */
void kswapd_start(void);

#endif
