/*
 * Counters and reports about the page allocator, in the formats of Linux's
 * /proc/vmstat, /proc/buddyinfo, /proc/pagetypeinfo and
 * /sys/kernel/debug/extfrag/unusable_index (Linux: mm/vmstat.c), so a
 * learner can hold this kernel's output next to a real machine's.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>

struct vm_event_state vm_event_states[NR_CPUS];
atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

unsigned long zone_page_state_snapshot(struct zone *zone, enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		x += READ_ONCE(zone->pcp[cpu].vm_stat_diff[item]);
	return x < 0 ? 0 : (unsigned long)x;
}

static inline unsigned int fls(unsigned int x)	/* as in mm/slab_common.c */
{
	return x ? 32 - __builtin_clz(x) : 0;
}

/*
 * Fold cpu's differences into zone->vm_stat and the global counts. Under
 * zone->lock with IRQs masked, so that a snapshot taken under the lock
 * never sees a difference both in the atomic and still in the CPU's slot.
 */
static void fold_diffs(struct zone *zone, unsigned int cpu)
{
	struct per_cpu_pages *pcp = &zone->pcp[cpu];
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++) {
		long v = pcp->vm_stat_diff[i];

		if (v) {
			pcp->vm_stat_diff[i] = 0;
			zone_page_state_add(v, zone, i);
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * Linux runs this from a per-CPU deferrable work item every second
 * (vmstat_update) and as a CPU goes idle (quiet_vmstat), so that the
 * folded counts do not lag for long on a quiet CPU; here the idle loop
 * calls it through quiet_vmstat(). Only this CPU writes its differences,
 * and its IRQs are masked while they move, so nothing is lost.
 */
void refresh_cpu_vm_stats(void)
{
	fold_diffs(&zone_normal, smp_processor_id());
}

/*
 * This CPU is going idle: fold what it holds, so that the folded counts do
 * not lag by its differences for as long as it sleeps (Linux: quiet_vmstat,
 * from the nohz idle entry). Takes the zone lock only if there is something
 * to fold. An interrupt may change a difference after the test; it is then
 * folded later, or counted by the snapshot meanwhile.
 */
void quiet_vmstat(void)
{
	const struct per_cpu_pages *pcp = &zone_normal.pcp[smp_processor_id()];

	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++) {
		if (READ_ONCE(pcp->vm_stat_diff[i])) {
			refresh_cpu_vm_stats();
			return;
		}
	}
}

/* For a CPU that runs nothing (offline, or not yet up): nobody else writes its slots. */
void cpu_vm_stats_fold(unsigned int cpu)
{
	fold_diffs(&zone_normal, cpu);
}

/*
 * Linux's calculate_normal_threshold: 2 * fls(CPUs) * (1 + fls(zone size in
 * 128 MiB units)), at most 125 (vm_stat_diff is an s8). More CPUs or more
 * memory: a larger drift is harmless and folds less often. 4 CPUs at
 * 256 MiB: 18 pages; at 1 GiB: 30.
 *
 * The drift mark: the folded free count can be off by up to NR_CPUS *
 * threshold. Above high watermark + a max-order block + that drift, the
 * exact count is surely above every watermark and block size the check
 * can ask for, so zone_watermark_ok answers from the folded count as it
 * would from the exact one; below it, it takes the snapshot (Linux uses
 * the same idea, percpu_drift_mark, in zone_watermark_ok_safe for kswapd).
 * The threshold only grows (managed_pages grows at boot and never
 * shrinks), so no CPU holds a difference above the current threshold.
 */
void refresh_zone_stat_thresholds(void)
{
	struct zone *zone = &zone_normal;
	unsigned long mem = zone->managed_pages >> (27 - PAGE_SHIFT);
	int threshold = 2 * fls(NR_CPUS) * (1 + fls((unsigned int)mem));

	if (threshold > 125)
		threshold = 125;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		WRITE_ONCE(zone->pcp[cpu].stat_threshold, (s8)threshold);
	WRITE_ONCE(zone->percpu_drift_mark, high_wmark_pages(zone) + MAX_ORDER_NR_PAGES +
		   (unsigned long)NR_CPUS * (unsigned long)threshold);
}

const char * const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC_NORMAL]	= "pgalloc_normal",
	[PGFREE]		= "pgfree",
	[PGALLOC_FAIL]		= "pgalloc_fail",
	[ALLOCSTALL_NORMAL]	= "allocstall_normal",
	[KSWAPD_WAKEUP]		= "kswapd_wakeup",
	[PAGEOUTRUN]		= "pageoutrun",
	[PGFAULT]		= "pgfault",
	[PGMAJFAULT]		= "pgmajfault",
	[PSWPIN]		= "pswpin",
	[PSWPOUT]		= "pswpout",
	[PGSCAN_KSWAPD]		= "pgscan_kswapd",
	[PGSCAN_DIRECT]		= "pgscan_direct",
	[PGSTEAL_KSWAPD]	= "pgsteal_kswapd",
	[PGSTEAL_DIRECT]	= "pgsteal_direct",
	[SWAP_REJECT_COMPRESS_POOR] = "swap_reject_compress_poor",
	[RECLAIM_TICKS]		= "reclaim_ticks",
	[WORKINGSET_REFAULT]	= "workingset_refault",
	[OOM_KILL]		= "oom_kill",
};

/* Sum of every CPU's copy; a snapshot, not exact while others count. */
unsigned long vm_event(enum vm_event_item item)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		sum += READ_ONCE(vm_event_states[cpu].event[item]);
	return sum;
}

void show_vmstat(void)
{
	unsigned int i;

	pr_info("nr_free_pages %lu\n", nr_free_pages());
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		pr_info("%s %lu\n", vm_event_names[i], vm_event(i));
}

/* Free blocks per order (and per migratetype), counted under the zone lock. */
static void count_free_blocks(struct zone *z, unsigned long nr[MIGRATE_TYPES][MAX_ORDER])
{
	unsigned long flags;
	unsigned int o;
	int mt;

	spin_lock_irqsave(&z->lock, flags);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		for (o = 0; o < MAX_ORDER; o++) {
			struct list_head *pos;

			nr[mt][o] = 0;
			list_for_each(pos, &z->free_area[o].free_list[mt])
				nr[mt][o]++;
		}
	}
	spin_unlock_irqrestore(&z->lock, flags);
}

/*
 * "Node 0, zone   Normal" then the number of free blocks of each order,
 * 0..10 (Linux: frag_show_print). A block of order n is 2^n pages.
 */
void show_buddyinfo(void)
{
	struct zone *z = &zone_normal;
	char line[40 + MAX_ORDER * 8];
	int len;
	unsigned int o;

	len = snprintf(line, sizeof(line), "Node 0, zone %8s ", z->name);
	for (o = 0; o < MAX_ORDER; o++)
		len += snprintf(line + len, sizeof(line) - len, "%6lu ",
				READ_ONCE(z->free_area[o].nr_free));
	pr_info("%s\n", line);
}

/*
 * Free blocks per order for each migratetype, then how many pageblocks
 * carry each type (Linux: pagetypeinfo_showfree, pagetypeinfo_showblockcount).
 */
void show_pagetypeinfo(void)
{
	struct zone *z = &zone_normal;
	unsigned long nr[MIGRATE_TYPES][MAX_ORDER], blocks[MIGRATE_TYPES] = { 0 };
	unsigned long i, nr_blocks;
	char line[64 + MAX_ORDER * 8];
	unsigned int o;
	int mt, len;

	count_free_blocks(z, nr);
	pr_info("Page block order: %d\n", pageblock_order);
	pr_info("Pages per block:  %lu\n", pageblock_nr_pages);
	pr_info("\n");
	len = snprintf(line, sizeof(line), "%-43s ", "Free pages count per migrate type at order");
	for (o = 0; o < MAX_ORDER; o++)
		len += snprintf(line + len, sizeof(line) - len, "%6u ", o);
	pr_info("%s\n", line);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		len = snprintf(line, sizeof(line), "Node %4d, zone %8s, type %12s ",
			       0, z->name, migratetype_names[mt]);
		for (o = 0; o < MAX_ORDER; o++)
			len += snprintf(line + len, sizeof(line) - len, "%6lu ", nr[mt][o]);
		pr_info("%s\n", line);
	}

	nr_blocks = z->spanned_pages ?
		((z->zone_start_pfn + z->spanned_pages - 1) >> pageblock_order) -
		(z->zone_start_pfn >> pageblock_order) + 1 : 0;
	for (i = 0; i < nr_blocks; i++)
		blocks[z->pageblock_flags[i]]++;
	len = snprintf(line, sizeof(line), "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		len += snprintf(line + len, sizeof(line) - len, "%12s ", migratetype_names[mt]);
	pr_info("%s\n", line);
	len = snprintf(line, sizeof(line), "Node 0, zone %8s ", z->name);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		len += snprintf(line + len, sizeof(line) - len, "%12lu ", blocks[mt]);
	pr_info("%s\n", line);
}

/*
 * Unusable free space index (Mel Gorman; Linux: unusable_free_index). Of all
 * free pages, the share in blocks too small for an order-n request:
 *   (free_pages - sum over k >= n of nr_free[k] * 2^k) / free_pages
 * times 1000. 0 means every free page could serve the request; 1000 means
 * none can (or nothing is free). Pages on per-CPU lists are not counted,
 * as in Linux.
 */
int unusable_free_index(unsigned int order)
{
	struct zone *z = &zone_normal;
	unsigned long free_pages = 0, suitable = 0, flags;
	unsigned int o;

	if (order >= MAX_ORDER)
		return 1000;
	spin_lock_irqsave(&z->lock, flags);
	for (o = 0; o < MAX_ORDER; o++) {
		unsigned long pages = z->free_area[o].nr_free << o;

		free_pages += pages;
		if (o >= order)
			suitable += pages;
	}
	spin_unlock_irqrestore(&z->lock, flags);
	if (!free_pages)
		return 1000;
	return (int)((free_pages - suitable) * 1000 / free_pages);
}

/* "Node 0, zone   Normal 0.000 0.000 ..." for orders 0..10, like debugfs. */
void show_unusable_index(void)
{
	char line[40 + MAX_ORDER * 8];
	unsigned int o;
	int len;

	len = snprintf(line, sizeof(line), "Node 0, zone %8s ", zone_normal.name);
	for (o = 0; o < MAX_ORDER; o++) {
		int idx = unusable_free_index(o);

		len += snprintf(line + len, sizeof(line) - len, "%d.%03d ", idx / 1000, idx % 1000);
	}
	pr_info("%s\n", line);
}
