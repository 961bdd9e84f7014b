/*
 * The zram cases of the "bench" boot mode (bench/bench.c calls zram_bench()):
 * instructions per zram_write_page, zram_read_page and zram_free_slot on
 * real page contents, for each liblz4 entry point, with the compression
 * ratio and the pool density they give. A benchmark: it prints, never fails.
 *
 * Contents, BENCH_PAGES pages of each, taken from this kernel's own image so
 * they are real data and the same on every run:
 *   rodata  .rodata and .kallsyms, page by page: format strings, symbol
 *           names, tables, the embedded user programs (ELF files)
 *   code    .text, page by page: arm64 machine code (liblz4's included)
 *   random  prandom output: incompressible, stored as is ("huge")
 *   zero    stored as one word, no compression at all ("same")
 * Each case: one warm-up round (write, read, free every page), then one
 * measured round. Under -icount shift=4,align=off,sleep=off (make bench) a
 * CNTVCT_EL0 tick is one instruction; interrupts are masked throughout.
 * Results and their reading: docs/zram.md.
 */
#include <linux/kernel.h>
#include <linux/bench.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/prandom.h>
#include <linux/swap.h>
#include <linux/zram.h>
#include <asm/boot.h>
#include <asm/irqflags.h>
#include <string.h>

#define BENCH_PAGES	1024

enum bench_content { B_RODATA, B_CODE, B_RANDOM, B_ZERO, NR_B_CONTENTS };
static const char *const content_names[NR_B_CONTENTS] = { "rodata", "code", "random", "zero" };

/* Copy page i of [start, end) (cyclically) into dst; zeros if the range is under a page. */
static void copy_section_page(void *dst, const char *start, const char *end, unsigned int i)
{
	unsigned long nr = (unsigned long)(end - start) / PAGE_SIZE;

	if (!nr)
		memset(dst, 0, PAGE_SIZE);
	else
		memcpy(dst, start + (i % nr) * PAGE_SIZE, PAGE_SIZE);
}

static void fill(struct page *page, enum bench_content c, unsigned int i)
{
	u64 *p = page_address(page);
	struct rnd_state rnd;

	switch (c) {
	case B_RODATA:
		copy_section_page(p, __start_rodata, __end_rodata, i);
		break;
	case B_CODE:
		copy_section_page(p, _text, _etext, i);
		break;
	case B_RANDOM:
		prandom_seed_state(&rnd, 0x9e3779b97f4a7c15ULL + i);	/* page i: the same bytes every run */
		for (unsigned int w = 0; w < PAGE_SIZE / 8; w++)
			p[w] = prandom_u64_state(&rnd);
		break;
	default:
		memset(p, 0, PAGE_SIZE);
		break;
	}
}

struct bench_result {
	u64 write, read, free;		/* ticks for BENCH_PAGES operations */
	struct zram_mm_stat st;		/* with every page stored */
	int errors;
};

static void run_round(struct page **src, struct page *dst, struct bench_result *r)
{
	static unsigned long slot[BENCH_PAGES];
	u64 t0, t1, t2, t3;

	r->errors = 0;
	t0 = arch_counter_get_cntvct();
	for (int i = 0; i < BENCH_PAGES; i++)
		r->errors += zram_write_page(src[i], &slot[i]) != 0;
	t1 = arch_counter_get_cntvct();
	zram_get_mm_stat(&r->st);
	t2 = arch_counter_get_cntvct();
	for (int i = 0; i < BENCH_PAGES; i++)
		r->errors += zram_read_page(slot[i], dst) != 0;
	t3 = arch_counter_get_cntvct();
	r->write = t1 - t0;
	r->read = t3 - t2;
	t0 = arch_counter_get_cntvct();
	for (int i = 0; i < BENCH_PAGES; i++)
		zram_free_slot(slot[i]);
	r->free = arch_counter_get_cntvct() - t0;
}

/* x / y as "12.34". */
static void fmt_ratio(char *buf, size_t size, u64 x, u64 y)
{
	u64 r = y ? x * 100 / y : 0;

	snprintf(buf, size, "%lu.%02lu", (unsigned long)(r / 100), (unsigned long)(r % 100));
}

/* What clearing lz4's 16 KiB hash table costs by itself (memset, as LZ4 does it). */
static void bench_memset(void)
{
	struct page *block = alloc_pages(GFP_KERNEL, 2);
	unsigned long flags;
	u64 t0, t1;

	if (!block)
		return;
	flags = arch_local_irq_save();
	memset(page_address(block), 0, 16384);	/* warm */
	t0 = arch_counter_get_cntvct();
	memset(page_address(block), 0, 16384);
	t1 = arch_counter_get_cntvct();
	arch_local_irq_restore(flags);
	__free_pages(block, 2);
	printk("bench: zram: for scale: memset of 16384 bytes (lz4's hash table) = %lu instructions\n",
	       (unsigned long)(t1 - t0));
}

void zram_bench(void)
{
	static struct page *src[BENCH_PAGES];
	struct page *dst = alloc_page(GFP_KERNEL);
	bool own = zram_nr_slots() == 0;
	enum zram_lz4_mode mode;

	if (own && zram_init(0)) {
		printk("bench: zram: no swap area, skipped\n");
		return;
	}
	for (int i = 0; i < BENCH_PAGES; i++)
		src[i] = alloc_page(GFP_KERNEL);
	if (!dst || !src[BENCH_PAGES - 1]) {
		printk("bench: zram: out of memory, skipped\n");
		return;
	}
	printk("bench: zram: %d pages per case, instructions per page; compr = bytes stored per page "
	       "(mean), huge = pages stored as is,\n", BENCH_PAGES);
	printk("bench: zram: ratio = orig_data_size / compr_data_size, density = compr_data_size / "
	       "mem_used_total, pool = mem_used_total\n");
	printk("bench: zram: %-9s %-6s %8s %8s %6s %7s %5s %6s %7s %s\n", "lz4 via", "pages", "write",
	       "read", "free", "compr", "huge", "ratio", "density", "pool");
	mode = zram_set_lz4_mode(ZRAM_LZ4_FASTRESET);
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++) {
		zram_set_lz4_mode(m);
		for (int c = 0; c < NR_B_CONTENTS; c++) {
			struct bench_result r;
			unsigned long flags;
			char ratio[16], density[16];

			for (int i = 0; i < BENCH_PAGES; i++)
				fill(src[i], c, i);
			flags = arch_local_irq_save();
			run_round(src, dst, &r);	/* warm-up */
			run_round(src, dst, &r);
			arch_local_irq_restore(flags);
			fmt_ratio(ratio, sizeof(ratio), r.st.orig_data_size, r.st.compr_data_size);
			fmt_ratio(density, sizeof(density), r.st.compr_data_size * 100, r.st.mem_used_total);
			printk("bench: zram: %-9s %-6s %8lu %8lu %6lu %7lu %5lu %6s %6s%% %lu pages%s\n",
			       zram_lz4_mode_name(m), content_names[c],
			       (unsigned long)(r.write / BENCH_PAGES), (unsigned long)(r.read / BENCH_PAGES),
			       (unsigned long)(r.free / BENCH_PAGES),
			       (unsigned long)(r.st.compr_data_size / BENCH_PAGES),
			       (unsigned long)r.st.huge_pages,
			       r.st.compr_data_size ? ratio : "-", r.st.mem_used_total ? density : "-",
			       (unsigned long)(r.st.mem_used_total / PAGE_SIZE),
			       r.errors ? " (ERRORS)" : "");
		}
	}
	zram_set_lz4_mode(mode);
	bench_memset();
	for (int i = 0; i < BENCH_PAGES; i++)
		__free_page(src[i]);
	__free_page(dst);
	if (own)
		zram_reset();
}
