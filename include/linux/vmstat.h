/*
 * Event counters, named as in Linux's /proc/vmstat (include/linux/vm_event_item.h),
 * and the reports Linux puts in /proc: vmstat, buddyinfo, pagetypeinfo and
 * the unusable free space index (debugfs extfrag/unusable_index).
 *
 * Counters are per CPU, as in Linux: each CPU bumps its own copy with
 * interrupts masked, and a reader sums all copies. Nothing is shared on the
 * fast path, so no lock and no atomic instruction is needed.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/cache.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

enum vm_event_item {
	PGALLOC_NORMAL,		/* pages allocated (page units, like Linux) */
	PGFREE,			/* pages freed, boot hand-over included (as in Linux) */
	PGALLOC_FAIL,		/* failed alloc_pages calls (ours: Linux only prints warn_alloc) */
	ALLOCSTALL_NORMAL,	/* direct reclaim entered (below the min watermark) */
	KSWAPD_WAKEUP,		/* kswapd woken (below low; ours: Linux has a tracepoint) */
	PAGEOUTRUN,		/* kswapd balancing runs (balance_pgdat) */
	PGFAULT,
	PGMAJFAULT,
	PSWPIN,
	PSWPOUT,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	SWAP_REJECT_COMPRESS_POOR,	/* evictions refused: lz4 could not shrink the page (ours) */
	RECLAIM_TICKS,		/* CNTVCT ticks in direct reclaim and kswapd (ours; instructions under -icount) */
	WORKINGSET_REFAULT,
	OOM_KILL,
	NR_VM_EVENT_ITEMS
};

extern const char * const vm_event_names[NR_VM_EVENT_ITEMS];

/* Each CPU's copy starts a cache line: neighbours do not share their edge lines. */
struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
} ____cacheline_aligned_in_smp;
extern struct vm_event_state vm_event_states[NR_CPUS];

/* Add delta to this CPU's counter (Linux: count_vm_events, a this_cpu_add). */
static inline void count_vm_events(enum vm_event_item item, unsigned long delta)
{
	unsigned long flags = arch_local_irq_save();

	vm_event_states[smp_processor_id()].event[item] += delta;
	arch_local_irq_restore(flags);
}

/*
 * The same for a caller that has already masked IRQs (so it can neither be
 * interrupted nor migrate): the page allocator's fast paths, which mask
 * them anyway. (Linux: __count_vm_events, a raw_cpu_add.)
 */
static inline void __count_vm_events(enum vm_event_item item, unsigned long delta)
{
	vm_event_states[smp_processor_id()].event[item] += delta;
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

/* Sum over all CPUs (Linux: all_vm_events / sum_vm_event). */
unsigned long vm_event(enum vm_event_item item);

/* "name value" lines, like /proc/vmstat (nr_free_pages first). */
void show_vmstat(void);
/* "Node 0, zone   Normal" and 11 per-order free block counts, like /proc/buddyinfo. */
void show_buddyinfo(void);
/* Per-migratetype free blocks and pageblock counts, like /proc/pagetypeinfo. */
void show_pagetypeinfo(void);
/*
 * Unusable free space index for a request of 2^order pages, times 1000:
 * the share of free memory that sits in blocks smaller than 2^order
 * (0 = none, 1000 = all; 1000 when nothing is free). Mel Gorman's measure,
 * Linux: unusable_free_index() in mm/vmstat.c.
 */
int unusable_free_index(unsigned int order);
/* All orders on one line, like debugfs extfrag/unusable_index. */
void show_unusable_index(void);

#endif
