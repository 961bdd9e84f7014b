/*
 * Benchmarks of the task machinery, in instructions (CNTVCT_EL0 under
 * -icount; see mm/bench.c), run by the "bench" boot mode:
 *   - a first-touch anonymous page fault, taken for real: an STTRB (the
 *     store copy_to_user uses) to an untouched page of a user address space
 *     traps, is resolved by handle_mm_fault and retried -- exception entry and
 *     exit included
 *   - a context switch between two kernel threads that yield to each other
 *   - switch_mm between two address spaces (TTBR0 + ASID, no TLB flush)
 */
#include <linux/kernel.h>
#include <linux/bench.h>
#include <linux/jiffies.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/mmu_context.h>

#define FAULT_PAGES	512
#define SWITCHES	2000
#define FAULT_BASE	0x20000000UL

static volatile int yielders_done;

static int yielder(void *arg)
{
	for (int i = 0; i < SWITCHES; i++)
		yield();
	yielders_done++;
	return 0;
}

void sched_bench(void)
{
	struct mm_struct *mm = mm_alloc(), *other = mm_alloc();
	u64 t0, t1;
	char byte = 1;

	if (!mm || !other) {
		printk("bench: no memory for the task benchmarks\n");
		return;
	}
	/* Page faults: this kernel context borrows a user address space. */
	vma_add(mm, FAULT_BASE, FAULT_BASE + FAULT_PAGES * PAGE_SIZE, VM_READ | VM_WRITE | VM_ANON, "bench");
	current->mm = mm;
	switch_mm(mm);
	copy_to_user((void __user *)FAULT_BASE, &byte, 1);	/* warm-up: page tables */
	t0 = arch_counter_get_cntvct();
	for (int i = 1; i < FAULT_PAGES; i++)
		copy_to_user((void __user *)(FAULT_BASE + i * PAGE_SIZE), &byte, 1);
	t1 = arch_counter_get_cntvct();
	printk("bench: %-41s %9lu\n", "page fault, anonymous first touch", (unsigned long)((t1 - t0) / (FAULT_PAGES - 1)));
	t0 = arch_counter_get_cntvct();
	for (int i = 1; i < FAULT_PAGES; i++)
		copy_to_user((void __user *)(FAULT_BASE + i * PAGE_SIZE), &byte, 1);
	t1 = arch_counter_get_cntvct();
	printk("bench: %-41s %9lu\n", "same store, page present (no fault)", (unsigned long)((t1 - t0) / (FAULT_PAGES - 1)));

	/* switch_mm between two address spaces. */
	t0 = arch_counter_get_cntvct();
	for (int i = 0; i < SWITCHES; i++)
		switch_mm((i & 1) ? mm : other);
	t1 = arch_counter_get_cntvct();
	printk("bench: %-41s %9lu\n", "switch_mm (TTBR0 + ASID, no TLB flush)", (unsigned long)((t1 - t0) / SWITCHES));
	current->mm = NULL;
	switch_mm(NULL);
	mmput(mm);
	mmput(other);

	/* Two kernel threads yielding to each other: each yield is one switch. */
	yielders_done = 0;
	t0 = arch_counter_get_cntvct();
	kthread_run(yielder, NULL, "yield-a");
	kthread_run(yielder, NULL, "yield-b");
	while (yielders_done < 2)
		yield();
	t1 = arch_counter_get_cntvct();
	printk("bench: %-41s %9lu\n", "context switch (kernel thread to thread)", (unsigned long)((t1 - t0) / (2 * SWITCHES)));
	kernel_wait(-1, NULL);
	kernel_wait(-1, NULL);
}
