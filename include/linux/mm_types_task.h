/*
 * The address space of a user task and its regions (Linux: struct mm_struct
 * and struct vm_area_struct in include/linux/mm_types.h).
 */
#ifndef _LINUX_MM_TYPES_TASK_H
#define _LINUX_MM_TYPES_TASK_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/spinlock.h>
#include <asm/pgtable.h>

/* vm_flags (Linux values for the first four). */
#define VM_READ		0x01UL
#define VM_WRITE	0x02UL
#define VM_EXEC		0x04UL
#define VM_SHARED	0x08UL
#define VM_GROWSDOWN	0x100UL	/* the stack */
#define VM_ANON		0x200UL	/* demand-zero anonymous memory */

struct mm_struct;

/* One contiguous region [vm_start, vm_end) with the same permissions. */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	pgprot_t vm_page_prot;		/* PTE bits for pages of this region */
	struct mm_struct *vm_mm;
	struct list_head vm_list;	/* on mm->mmap, sorted by address */
	struct rb_node vm_rb;		/* in mm->mm_rb, keyed by vm_end (find_vma) */
	const char *name;		/* "[heap]", "[stack]", "text" ... for ptdump/maps */
};

/*
 * mm_context_t: the ASID this address space last ran with, with the
 * allocator's generation in the upper bits (Linux: arch/arm64 mm->context.id).
 */
typedef struct {
	u64 id;
} mm_context_t;

struct mm_struct {
	pgd_t *pgd;			/* L0 table (kernel VA of a buddy page) */
	mm_context_t context;		/* ASID + generation (arch/arm64/mm/context.c) */
	struct list_head mmap;		/* VMAs, sorted: the order for walks */
	struct rb_root mm_rb;		/* the same VMAs by vm_end: find_vma in O(log n) */
	int map_count;
	spinlock_t page_table_lock;	/* not taken yet: one CPU (mm/pgtable.c); SMP makes it real */
	int mm_users;			/* tasks using it */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack, mmap_base;
	unsigned long total_vm;		/* pages mapped by VMAs */
	unsigned long rss_anon;		/* resident anonymous pages (MM_ANONPAGES) */
	unsigned long nr_swap;		/* swap entries in its PTEs (MM_SWAPENTS) */
	unsigned long nr_pgtables;	/* page-table pages, L0 included */
	struct list_head mm_list;	/* on the global list reclaim walks (lru_gen) */
};

#endif
