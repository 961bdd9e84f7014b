/*
 * The allocator operations `make bench` measures, shared by the kernel's
 * bench mode (bench/bench.c, under QEMU -icount) and the host program run
 * under callgrind (bench/host/bench_mm.c), so both measure the same thing.
 */
#ifndef _MM_BENCH_CASES_H
#define _MM_BENCH_CASES_H

#include <linux/mm.h>
#include <linux/slab.h>

struct bench_case {
	const char *id;		/* short name (host command line, bench/host.sh) */
	const char *name;	/* the table's label */
	void *(*alloc)(void);
	void (*free)(void *p);
	bool pcp;		/* per-CPU page lists on during the case */
};

static void *alloc_order0(void) { return alloc_pages(GFP_KERNEL, 0); }
static void free_order0(void *p) { __free_pages(p, 0); }
static void *alloc_order3(void) { return alloc_pages(GFP_KERNEL, 3); }
static void free_order3(void *p) { __free_pages(p, 3); }
static void *alloc_64(void) { return kmalloc(64, GFP_KERNEL); }
static void *alloc_1024(void) { return kmalloc(1024, GFP_KERNEL); }
static void free_kmalloc(void *p) { kfree(p); }

static const struct bench_case bench_cases[] = {
	{ "order0-pcp", "alloc_pages/__free_pages order 0, pcp on ", alloc_order0, free_order0, true },
	{ "order0-nopcp", "alloc_pages/__free_pages order 0, pcp off", alloc_order0, free_order0, false },
	{ "order3", "alloc_pages/__free_pages order 3         ", alloc_order3, free_order3, true },
	{ "kmalloc64", "kmalloc/kfree 64 bytes                   ", alloc_64, free_kmalloc, true },
	{ "kmalloc1024", "kmalloc/kfree 1024 bytes                 ", alloc_1024, free_kmalloc, true },
};

#endif
