/*
 * zram on the host, for callgrind (bench/zram-host.sh, make zram-bench-host):
 * BENCH_N pages written, read back and freed by mm/zram.c with the host's
 * liblz4, on the real zsmalloc, SLUB and buddy allocator in a 64 MiB fake
 * RAM, built -O2 without sanitizers so that callgrind counts the code.
 *
 *   bench_zram TEXT_FILE BINARY_FILE
 *
 * with ZRAM_BENCH_MODE (fastreset, extstate, stream: the liblz4 entry point,
 * mm/zram_lz4.c) and ZRAM_BENCH_CONTENT (text, binary: page i is page i,
 * cyclically, of that file; random; zero) in the environment. The inclusive
 * cost of bench_write / bench_read / bench_free divided by BENCH_N (printed
 * on the last line) is the cost per page; the mm_stat line says how well it
 * compressed. The in-kernel counterpart is bench/zram_bench.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include "../../tests/host/host_shim.h"

#define RAM_BASE	0x40000000UL
#define RAM_SIZE	(64UL << 20)
#define BENCH_N		2000

enum content { TEXT, BINARY, RANDOM, ZERO, NR_CONTENTS };
static const char *const content_names[NR_CONTENTS] = { "text", "binary", "random", "zero" };

static unsigned long bench_slots[BENCH_N];

/* Fill pages from a file, page by page, cyclically; false if it holds no whole page. */
static bool load_file_pages(const char *path, struct page **pages)
{
	FILE *f = fopen(path, "rb");
	char *buf = malloc(64UL << 20);
	size_t n = f && buf ? fread(buf, 1, 64UL << 20, f) : 0;

	if (f)
		fclose(f);
	n /= PAGE_SIZE;
	for (size_t i = 0; n && i < BENCH_N; i++)
		memcpy(page_address(pages[i]), buf + (i % n) * PAGE_SIZE, PAGE_SIZE);
	free(buf);
	if (!n)
		fprintf(stderr, "bench_zram: %s: not readable or under a page\n", path);
	else
		printf("# %s: %zu pages\n", path, n);
	return n > 0;
}

static void fill_generated(struct page **pages, enum content c)
{
	struct rnd_state rnd = { 0x2545f4914f6cdd1dULL };	/* lib/prandom.c */

	for (int i = 0; i < BENCH_N; i++) {
		u64 *p = page_address(pages[i]);

		for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
			p[w] = c == RANDOM ? prandom_u64_state(&rnd) : 0;
	}
}

/* Kept out of line so callgrind can give each its inclusive cost. */
static noinline void bench_write(struct page **pages)
{
	for (int i = 0; i < BENCH_N; i++)
		zram_write_page(pages[i], &bench_slots[i]);
}

static noinline void bench_read(struct page *dst)
{
	for (int i = 0; i < BENCH_N; i++)
		zram_read_page(bench_slots[i], dst);
}

static noinline void bench_free(void)
{
	for (int i = 0; i < BENCH_N; i++)
		zram_free_slot(bench_slots[i]);
}

int main(int argc, char **argv)
{
	static struct page *pages[BENCH_N];
	const char *mode = getenv("ZRAM_BENCH_MODE"), *what = getenv("ZRAM_BENCH_CONTENT");
	enum content c = NR_CONTENTS;
	struct page *dst;
	int m = NR_ZRAM_LZ4_MODES;

	for (int i = 0; i < NR_CONTENTS; i++)
		if (what && strcmp(what, content_names[i]) == 0)
			c = i;
	for (int i = 0; mode && i < NR_ZRAM_LZ4_MODES; i++)
		if (strcmp(mode, zram_lz4_mode_name(i)) == 0)
			m = i;
	if (argc != 3 || c == NR_CONTENTS || (mode && m == NR_ZRAM_LZ4_MODES)) {
		fprintf(stderr, "usage: [ZRAM_BENCH_MODE=fastreset|extstate|stream] "
			"ZRAM_BENCH_CONTENT=text|binary|random|zero bench_zram TEXT_FILE BINARY_FILE\n");
		return 2;
	}
	host_mm_boot(RAM_BASE, RAM_SIZE);
	kmem_cache_init();
	if (mode)
		zram_set_lz4_mode(m);
	if (zram_init(BENCH_N * PAGE_SIZE))
		return 1;
	dst = alloc_page(GFP_KERNEL);
	for (int i = 0; i < BENCH_N; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i] || !dst)
			return 1;
	}
	if (c == TEXT || c == BINARY) {
		if (!load_file_pages(argv[1 + (c == BINARY)], pages))
			return 1;
	} else {
		fill_generated(pages, c);
	}
	bench_write(pages);
	zram_show_mm_stat();
	bench_read(dst);
	bench_free();
	printf("bench: %d pages of %s, lz4 via %s\n", BENCH_N, content_names[c],
	       zram_lz4_mode_name(zram_get_lz4_mode()));
	return 0;
}
