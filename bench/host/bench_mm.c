/*
 * The host half of `make bench`: the rounds of bench/bench.c (BURST allocations,
 * then BURST frees) run by the real mm/ code built for the host, -O2 and
 * without sanitizers, so that callgrind counts what the code itself costs.
 *
 *   bench_mm CASE ROUNDS     one warm-up round, then ROUNDS rounds of CASE
 *   bench_mm list            the case names
 *
 * bench/host.sh runs it under valgrind --tool=callgrind twice, with
 * N and 2N rounds, collecting only inside the allocation (or the free)
 * function, and divides the difference by N * BURST: start-up, the warm-up
 * round and the loop cancel out.
 *
 * The machine is QEMU virt's with -m 1G: RAM at 0x40000000, the "kernel"
 * and the "DTB" reserved where QEMU puts them, so the watermarks and the
 * per-CPU list sizes (batch 63, high 378) are the kernel's. The 1 GiB arena
 * is an untouched anonymous mapping: only what the allocator uses is paged in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include "../bench_cases.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	SZ_1G
#define BURST		256	/* as in bench/bench.c */

extern unsigned long host_va_offset;	/* tests/host/host_shim.c */


/* Boot the allocators the way arch/arm64/mm/init.c does, on the fake RAM. */
static void boot(void)
{
	struct kernel_image_sizes sizes = { 0 };
	void *ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (ram == MAP_FAILED) {
		perror("bench_mm: mmap of the 1 GiB arena");
		exit(2);
	}
	host_va_offset = (unsigned long)ram - RAM_BASE;
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(0x40200000, 0x90000);		/* the kernel image */
	memblock_reserve(0x48000000, SZ_1M);		/* the DTB */
	free_area_init(PHYS_PFN(RAM_BASE), PHYS_PFN(RAM_BASE + RAM_SIZE));
	mem_init(&sizes);
	kmem_cache_init();
}

int main(int argc, char **argv)
{
	static void *objs[BURST];
	const struct bench_case *c = NULL;
	long rounds;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (unsigned int i = 0; i < ARRAY_SIZE(bench_cases); i++)
			puts(bench_cases[i].id);
		return 0;
	}
	for (unsigned int i = 0; argc == 3 && i < ARRAY_SIZE(bench_cases); i++)
		if (strcmp(argv[1], bench_cases[i].id) == 0)
			c = &bench_cases[i];
	rounds = argc == 3 ? strtol(argv[2], NULL, 0) : 0;
	if (!c || rounds < 1) {
		fprintf(stderr, "usage: bench_mm CASE ROUNDS | bench_mm list\n");
		return 2;
	}

	boot();
	set_pcp_enabled(c->pcp);
	for (long round = 0; round <= rounds; round++) {	/* round 0 warms up */
		for (int i = 0; i < BURST; i++)
			if (!(objs[i] = c->alloc())) {
				fprintf(stderr, "bench_mm: %s: allocation failed\n", c->name);
				return 1;
			}
		for (int i = 0; i < BURST; i++)
			c->free(objs[i]);
	}
	return 0;
}
