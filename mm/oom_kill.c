/*
 * The OOM killer (Linux: mm/oom_kill.c). When reclaim makes no progress
 * and the swap area is full, the only way to keep the system alive is to
 * kill a task. The victim is the one whose death frees the most memory --
 * resident pages, swap entries and page-table pages -- shifted by its
 * oom_score_adj (-1000 exempts it). Kernel threads and init are never
 * chosen. Like Linux's OOM reaper, the victim's address space is torn down
 * at once, so its pages and swap slots come back before it even runs again;
 * the task itself exits the next time it would return to EL0.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mman.h>
#include <linux/mmu_gather.h>
#include <linux/oom.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <limits.h>

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static unsigned long oom_totalpages(void)
{
	return totalram_pages() + zram_nr_slots();
}

/*
 * Linux 5.9 and later (mm/oom_kill.c oom_badness): pages the task would
 * give back -- resident, swapped, page tables -- plus oom_score_adj in
 * thousandths of all memory. The result may be negative (a small task
 * with a negative adj); only LONG_MIN means "never".
 */
long oom_badness(struct task_struct *t, unsigned long totalpages)
{
	long points, adj = t->oom_score_adj;

	if ((t->flags & PF_KTHREAD) || t->pid == 1 || !t->mm || t->state == TASK_ZOMBIE ||
	    adj == OOM_SCORE_ADJ_MIN)
		return LONG_MIN;
	points = (long)(get_mm_counter(t->mm, MM_ANONPAGES) + get_mm_counter(t->mm, MM_SWAPENTS) + t->mm->nr_pgtables);
	/* oom_score_adj is in thousandths of all memory: +1000 adds "everything". */
	points += adj * (long)(totalpages / 1000);
	return points;
}

/*
 * /proc/PID/oom_score, as Linux 5.9+ computes it (fs/proc/base.c
 * proc_oom_score): the badness as a share of all memory, shifted by 1000
 * so a negative adj still shows, scaled by 2/3 -- a task using all memory
 * with adj 0 reads 1333, adj +1000 on top of that 2000, and an exempt one 0.
 */
long oom_score(struct task_struct *t)
{
	unsigned long total = oom_totalpages();
	long badness = oom_badness(t, total);

	if (badness == LONG_MIN)
		return 0;
	return (1000 + badness * 1000 / (long)total) * 2 / 3;
}

static void dump_tasks(void)
{
	struct task_struct *t;

	printk("Tasks state (memory values in pages):\n");
	printk("[  pid  ] total_vm      rss pgtables swapents oom_score_adj name\n");
	list_for_each_entry(t, &task_list, tasks) {
		if (!t->mm || t->state == TASK_ZOMBIE)
			continue;
		printk("[%7d] %8lu %8lu %8lu %8lu %13d %s\n", t->pid, t->mm->total_vm, get_mm_counter(t->mm, MM_ANONPAGES),
		       t->mm->nr_pgtables, get_mm_counter(t->mm, MM_SWAPENTS), t->oom_score_adj, t->comm);
	}
}

/* Free everything mapped in the victim's address space now (Linux: __oom_reap_task_mm). */
static void oom_reap(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, true);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		unmap_range(&tlb, mm, vma->vm_start, vma->vm_end);
	tlb_finish_mmu(&tlb);
}

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	unsigned long total = oom_totalpages();
	struct task_struct *t, *victim = NULL;
	long best = LONG_MIN;

	list_for_each_entry(t, &task_list, tasks) {
		long points = oom_badness(t, total);

		if (points == LONG_MIN || t->killed)
			continue;
		if (points > best) {
			best = points;
			victim = t;
		}
	}
	printk("%s invoked oom-killer: gfp_mask=0x%x, order=%u, oom_score_adj=%d\n",
	       current->comm, gfp, order, current->oom_score_adj);
	printk("Mem-Info: free:%lu min:%lu low:%lu high:%lu swap slots used:%lu/%lu\n",
	       nr_free_pages(), min_wmark_pages(&zone_normal), low_wmark_pages(&zone_normal),
	       high_wmark_pages(&zone_normal), zram_slots_used(), zram_nr_slots());
	/* Linux's show_swap_cache_info lines, and why swap could not help. */
	printk("Free swap  = %lukB\n", K(nr_free_swap_pages()));
	printk("Total swap = %lukB\n", K(total_swap_pages()));
	if (!zram_can_store())
		printk("swap: full (%s)\n", nr_free_swap_pages() ? "the pool is at zram.mem_limit" :
		       "no free slot");
	dump_tasks();
	if (!victim) {
		printk("Out of memory: no killable task (all exempt)\n");
		return false;
	}
	/* Linux prints pgtables:NkB here too (mm_pgtables_bytes): a sparse task's cost that RSS hides. */
	printk("Out of memory: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, swap:%lukB, "
	       "pgtables:%lukB, oom_score_adj:%d\n", victim->pid, victim->comm, K(victim->mm->total_vm),
	       K(get_mm_counter(victim->mm, MM_ANONPAGES)), K(get_mm_counter(victim->mm, MM_SWAPENTS)), K(victim->mm->nr_pgtables),
	       victim->oom_score_adj);
	count_vm_event(OOM_KILL);
	victim->killed = true;
	wake_up_process(victim);
	if (victim != current)
		oom_reap(victim->mm);
	return victim != current;
}
