/*
 * Host stand-ins for what the LRU code (mm/lru*.c, mm/rmap.c) takes from the
 * rest of the kernel: TLB maintenance (counted, nothing to invalidate: the
 * simulated MMU has no TLB), ASIDs, jiffies, the global mm list of
 * mm/mmap.c, the shell's number parser, and releasing a swap slot.
 */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/mm_types_task.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>

struct tlb_stats tlb_stats;
volatile unsigned long jiffies;
unsigned int HZ = 100;
LIST_HEAD(mm_list);
DEFINE_SPINLOCK(mm_list_lock);

void flush_tlb_all(void) { tlb_stats.all++; }
void flush_tlb_asid(unsigned int asid) { tlb_stats.asid++; }
void flush_tlb_page(unsigned int asid, unsigned long va) { tlb_stats.page++; }
void flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end) { tlb_stats.range++; }
void __flush_tlb_range(unsigned int asid, unsigned long start, unsigned long end, bool last_level) { tlb_stats.range++; }
void flush_tlb_kernel_range(unsigned long start, unsigned long end) { tlb_stats.kernel++; }
void local_flush_tlb_all(void) { tlb_stats.all++; }

unsigned int mm_asid(const struct mm_struct *mm)
{
	return (unsigned int)(mm->context.id & 0xffff);
}

/*
 * mm/pgtable.c's unmap calls this for a swap PTE (mm/swap_state.c in the
 * kernel). The simulation has no swap area: an evicted page's PTE holds its
 * shadow itself (lru_sim.c shrink_anon), so there is no slot to release.
 */
void free_swap_entry(swp_entry_t entry)
{
}

bool shell_parse_ulong(const char *cmd, const char *what, const char *s, unsigned long *out)
{
	char *end;

	*out = strtoul(s, &end, 0);
	return *s && !*end;
}
