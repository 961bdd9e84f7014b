/*
 * Event counters, named as in Linux's /proc/vmstat (include/linux/vm_event_item.h),
 * and the reports Linux puts in /proc: vmstat, buddyinfo, pagetypeinfo and
 * the unusable free space index (debugfs extfrag/unusable_index).
 *
 * Event counters are per CPU, as in Linux: each CPU bumps its own copy with
 * interrupts masked, and a reader sums all copies. Nothing is shared on the
 * fast path, so no lock and no atomic instruction is needed.
 *
 * Zone counters (enum zone_stat_item in mmzone.h) are a level, not an event
 * count, and are read far more often (every watermark check), so Linux
 * keeps them differently: a global atomic per zone (zone->vm_stat) plus a
 * small signed per-CPU difference (vm_stat_diff). A change goes into this
 * CPU's difference; only when that exceeds stat_threshold is it folded into
 * the atomic (one atomic add per threshold changes instead of one per
 * change, and no shared cache line written on the common path). A reader
 * takes the atomic (zone_page_state: off by at most NR_CPUS * threshold)
 * or adds every CPU's difference too (zone_page_state_snapshot).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/cache.h>
#include <linux/mmzone.h>
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

/* ---- zone counters (Linux: include/linux/vmstat.h, mm/vmstat.c) ---------- */

extern atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

/* Fold x into the zone and the global count (Linux: zone_page_state_add). */
static inline void zone_page_state_add(long x, struct zone *zone, enum zone_stat_item item)
{
	atomic_long_add(x, &zone->vm_stat[item]);
	atomic_long_add(x, &vm_zone_stat[item]);
}

/* The folded count: cheap, may lag by the CPUs' differences; never negative. */
static inline unsigned long zone_page_state(struct zone *zone, enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : (unsigned long)x;
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = atomic_long_read(&vm_zone_stat[item]);

	return x < 0 ? 0 : (unsigned long)x;
}

/*
 * The folded count plus every CPU's difference (Linux: zone_page_state_snapshot).
 * Exact for NR_FREE_PAGES under zone->lock, which every change of it holds.
 * Out of line (Linux has it inline): it is for slow paths, and inlined it
 * made zone_watermark_ok too big to inline into alloc_pages' fast path.
 */
unsigned long zone_page_state_snapshot(struct zone *zone, enum zone_stat_item item);

/*
 * Add delta to a zone counter, caller has IRQs masked (the zone lock's
 * irqsave, or the allocator's own masking), so this CPU's difference can be
 * updated with plain loads and stores: no other CPU writes it and no
 * interrupt can come in between (Linux: __mod_zone_page_state, a raw_cpu
 * access). Folds when the difference would pass the threshold.
 */
static inline void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	struct per_cpu_pages *pcp = &zone->pcp[smp_processor_id()];
	long x = delta + pcp->vm_stat_diff[item];
	long t = pcp->stat_threshold;

	if (unlikely(x > t || x < -t)) {
		zone_page_state_add(x, zone, item);
		x = 0;
	}
	pcp->vm_stat_diff[item] = (s8)x;
}

/* The same from any context (Linux: mod_zone_page_state, which masks IRQs too). */
static inline void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	unsigned long flags = arch_local_irq_save();

	__mod_zone_page_state(zone, item, delta);
	arch_local_irq_restore(flags);
}

/* Free pages moved to or from the buddy lists, zone->lock held (Linux: __mod_zone_freepage_state). */
static inline void __mod_zone_freepage_state(struct zone *zone, long nr_pages)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

/* Fold this CPU's differences into the zones (Linux: refresh_cpu_vm_stats). */
void refresh_cpu_vm_stats(void);
/* The same if there is anything to fold, before this CPU idles (Linux: quiet_vmstat). */
void quiet_vmstat(void);
/* Fold a CPU's differences that is not running (Linux: cpu_vm_stats_fold, CPU hot-unplug). */
void cpu_vm_stats_fold(unsigned int cpu);
/*
 * Per-CPU thresholds from the zone's size and the CPU count, and the
 * free count below which watermark checks count exactly (Linux:
 * refresh_zone_stat_thresholds, calculate_normal_threshold).
 */
void refresh_zone_stat_thresholds(void);

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
