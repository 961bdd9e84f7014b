/*
 * For host tests that link SLUB (HOST_SLUB_SRCS): free pages counted the
 * way the kernel's selftest_free_pages() counts them, with empty slabs
 * given back and the per-CPU lists drained first, so that two calls
 * around a workload compare exactly. Apart from host_mm.c, which tests
 * without SLUB link too.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/cpumask.h>
#include "host_shim.h"

unsigned long host_free_pages_exact(void)
{
	kmem_cache_shrink_all();
	drain_all_pages();
	return nr_free_pages();
}

/*
 * arch/arm64/kernel/smp.c's CPU masks, which SLUB's banner reads
 * (num_possible_cpus). The host plays a machine whose device tree offers
 * NR_CPUS CPUs, with only the one running the test online.
 */
struct cpumask __cpu_possible_mask = { (1UL << NR_CPUS) - 1 }, __cpu_online_mask = { 1UL };
