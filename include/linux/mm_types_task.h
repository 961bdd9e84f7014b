/*
 * The address space of a user task and its regions (Linux: struct mm_struct
 * and struct vm_area_struct in include/linux/mm_types.h).
 */
#ifndef _LINUX_MM_TYPES_TASK_H
#define _LINUX_MM_TYPES_TASK_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/atomic.h>
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

/*
 * Per-mm page counters (Linux: enum in include/linux/mm_types_task.h,
 * struct mm_rss_stat before 6.2). Atomic because the CPUs that change them
 * need not be the mm's owner: reclaim on one CPU swaps a page out
 * (MM_ANONPAGES - 1, MM_SWAPENTS + 1) while the task faults on another;
 * the OOM killer and ps read them from anywhere. Linux before 6.2 also
 * batched updates per task (SPLIT_RSS_COUNTING) and 6.2 moved to percpu
 * counters; one atomic per update is the plain form of the same idea.
 */
enum {
	MM_ANONPAGES,	/* resident anonymous pages */
	MM_SWAPENTS,	/* swap entries in its PTEs */
	NR_MM_COUNTERS
};

struct mm_rss_stat {
	atomic_long_t count[NR_MM_COUNTERS];
};

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
	struct mm_rss_stat rss_stat;	/* MM_ANONPAGES, MM_SWAPENTS: get_mm_counter() */
	unsigned long nr_pgtables;	/* page-table pages, L0 included */
	struct list_head mm_list;	/* on the global list reclaim walks (lru_gen) */
};

/* Linux: get_mm_counter, set_mm_counter, add/inc/dec_mm_counter (include/linux/mm.h). */
static inline unsigned long get_mm_counter(const struct mm_struct *mm, int member)
{
	long val = atomic_long_read(&mm->rss_stat.count[member]);

	return val < 0 ? 0 : (unsigned long)val;	/* never shown negative, as Linux */
}

static inline void set_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_set(&mm->rss_stat.count[member], value);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_add(value, &mm->rss_stat.count[member]);
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	atomic_long_inc(&mm->rss_stat.count[member]);
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	atomic_long_dec(&mm->rss_stat.count[member]);
}

#endif
