/*
 * A small simulated machine for the LRU policies (tools/mm/lru_sim.c):
 * the real buddy allocator on a fake RAM arena, real page tables
 * (mm/pgtable.c), real mm_structs on mm_list, and the real policy code.
 * Only the MMU and the reclaim driver are played by the simulator:
 *
 *   sim_access()  an access by the "CPU": if the PTE is present, set its
 *                 access flag as a FEAT_HAFDBS MMU would (there is no TLB);
 *                 if not, a page fault: reclaim while memory is full, then
 *                 a new page (lru_add_new_anon) or a refault
 *                 (lru_add_refault with the shadow kept in the swap PTE)
 *   sim_reclaim() what mm/vmscan.c does: policy->isolate, policy->shadow,
 *                 PTE -> swap entry, TLB flush, page_remove_anon, free
 *
 * "Memory" is sim.capacity page frames for user pages; page tables and the
 * policies' state do not count against it.
 */
#ifndef LRU_SIM_H
#define LRU_SIM_H

#include <linux/types.h>

struct mm_struct;

struct lru_sim_stats {
	unsigned long capacity;		/* frames user pages may use */
	unsigned long batch;		/* pages reclaimed per call when memory is full (default 1) */
	unsigned long refs_per_jiffy;	/* accesses per tick of jiffies (default 100) */
	unsigned long resident;
	unsigned long refs, faults, refaults, evictions, reclaims;
};
extern struct lru_sim_stats sim;

/* Fake RAM for ram_pages pages (plus room for mem_map), memblock, buddy. Once per process. */
void sim_boot(unsigned long ram_pages);
/* Switch to policy name and capacity; statistics zeroed. No page may be on the LRU. */
void sim_reset(const char *policy, unsigned long capacity);
/* A new address space on mm_list (ASID = a counter). */
struct mm_struct *sim_mm_new(void);
/* Unmap every page (page_remove_anon), free them and the tables, drop it from mm_list. */
void sim_mm_free(struct mm_struct *mm);
/* One access to addr in mm. True if it faulted. */
bool sim_access(struct mm_struct *mm, unsigned long addr);
/* Reclaim up to nr pages like mm/vmscan.c. Returns pages freed. */
unsigned long sim_reclaim(unsigned long nr);
/* The PTE for addr, or 0 if there is none. */
u64 sim_pte(struct mm_struct *mm, unsigned long addr);
bool sim_resident(struct mm_struct *mm, unsigned long addr);

#endif
