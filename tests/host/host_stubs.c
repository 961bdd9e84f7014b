/*
 * Kernel functions a host test's sources call but whose kernel definition
 * the test does not link, because it would drag in a subsystem the test is
 * not about. Each stands in for exactly one kernel function and says which
 * one and why the host needs it. There is no weak default anywhere: a test
 * that plays one of these itself (to count calls, or to act) defines it and
 * does not link this file (test_buddy plays the reclaim hooks).
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/oom.h>
#include <linux/pgtable.h>

/*
 * mm/page_alloc.c's slow path calls the next three (mm/vmscan.c,
 * mm/oom_kill.c in the kernel). Host tests that link the allocator
 * without mm/vmscan.c have no LRU to scan, no kswapd thread and no tasks
 * to kill: an allocation the free lists cannot satisfy fails, which is what
 * those tests expect when they exhaust their RAM arena.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp, unsigned int order)
{
}

/* Nothing reclaimable: no progress (mm/vmscan.c try_to_free_pages). */
unsigned long try_to_free_pages(struct zone *zone, unsigned int order, gfp_t gfp)
{
	return 0;
}

/* No victim: the allocation fails (mm/oom_kill.c out_of_memory). */
bool out_of_memory(gfp_t gfp, unsigned int order)
{
	return false;
}

/*
 * mm/pgtable_walk.c's ptdump asks the architecture for its named regions
 * (arch/arm64/mm/ptdump.c, whose table holds kernel virtual addresses the
 * host does not have). The host walks user trees only: no region names.
 */
const struct ptdump_marker *ptdump_markers(void)
{
	return NULL;
}
