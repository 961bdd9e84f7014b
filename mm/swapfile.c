/*
 * Emptying the swap area (Linux: mm/swapfile.c try_to_unuse, the heart of
 * swapoff): walk every address space and fault each swapped-out page back
 * in. Used by the shell's `swapoff` and by tests that must compare memory
 * before and after a workload exactly, whatever else got swapped out
 * meanwhile (init, the shell's idle tasks).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/shell.h>
#include <linux/swap.h>

extern struct list_head mm_list;

long try_to_unuse(void)
{
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	long done = 0;

	/*
	 * No lock around the walk: swap-in allocates and may enter reclaim,
	 * which takes mm_list_lock itself. One CPU and no kernel preemption
	 * keep the lists still: only a task's own exit frees its mm.
	 */
	list_for_each_entry(mm, &mm_list, mm_list) {
		list_for_each_entry(vma, &mm->mmap, vm_list) {
			for (unsigned long a = vma->vm_start; a < vma->vm_end && get_mm_counter(mm, MM_SWAPENTS); a += PAGE_SIZE) {
				pte_t *ptep = pte_lookup(mm->pgd, a);

				if (!ptep || !is_swap_pte(*ptep))
					continue;
				/*
				 * do_swap_page re-checks the PTE after its allocation,
				 * which may end in the OOM killer: if the entry changed
				 * meanwhile (the reaper unmapped it), nothing is read or
				 * freed, and only a page actually brought back counts.
				 */
				if (do_swap_page(mm, vma, a, ptep, *ptep, 0) != VM_FAULT_OK)
					return -ENOMEM;
				if (pte_present(READ_ONCE(*ptep)))
					done++;
			}
		}
	}
	return done;
}

static int cmd_swapoff(int argc, char **argv)
{
	long n = try_to_unuse();

	if (n < 0) {
		printk("swapoff: not enough memory to bring every page back\n");
		return -1;
	}
	printk("swapoff: %ld pages brought back from swap; %lu slots in use\n", n, zram_slots_used());
	return 0;
}
shell_command("swapoff", "swapoff", "bring every swapped-out page back into memory (try_to_unuse)", cmd_swapoff);
