/*
 * The host-only suite "lru_replay_host": lru-replay's trace reader and
 * replay (tools/mm/lru_trace.c) and Belady's OPT (tools/mm/lru_opt.c),
 * under ASan/UBSan, with the kernel's LRU policies on the simulated
 * machine of tools/mm/lru_sim.h (booted by selftest_host_init, below).
 *
 * Why the whole suite runs on the host only: what it tests is a host tool,
 * not kernel code. The trace reader works on stdio files, OPT needs the
 * whole future reference string, and replay() switches the kernel's LRU
 * policy between runs, which lru_set_policy allows only while the LRU is
 * empty (never, in a running kernel), in a simulated memory of a few dozen
 * frames with nothing else running.
 *
 * The cases:
 *   test_format        the trace format: numbers in decimal or hex, blank
 *                      lines, '#' comments and trailing text ignored, -s
 *                      shift, page tables counted, a bad line refused with
 *                      its name and line number on stderr
 *   test_opt_textbook  OPT on textbook reference strings (Silberschatz's
 *                      20-reference string: 9 faults in 3 frames; Belady's
 *                      anomaly string, where FIFO gets worse with more
 *                      memory: OPT 7 faults in 3 frames, 6 in 4)
 *   test_table_loop, test_table_hot_cold  on generated traces, at every
 *                      memory size: OPT <= every policy (nothing beats the
 *                      optimum), distinct pages <= faults <= references, OPT
 *                      never worse with more memory (a stack algorithm),
 *                      everyone exactly "distinct pages" once the whole trace
 *                      fits, and the same numbers on a second run (the
 *                      policies are deterministic)
 * After every case (the suite's exit hook) the LRU is empty and every page
 * replay() used is back in the buddy allocator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/prandom.h>
#include <linux/selftest.h>
#include "../../mm/lru.h"
#include "../../tools/mm/lru_opt.h"
#include "../../tools/mm/lru_sim.h"
#include "../../tools/mm/lru_trace.h"
#include "host_shim.h"

static const char *const cols[] = { "gen", "classic", "clock" };

/* Free pages (buddy + per-CPU lists) once the machine was booted, for the exit hook. */
static unsigned long free_at_boot;

static FILE *text_file(const char *text)
{
	FILE *f = tmpfile();

	if (!f)
		abort();
	fputs(text, f);
	rewind(f);
	return f;
}

/* trace_read of f, with what it prints on stderr (what lru-replay's user sees) caught in err. */
static int trace_read_err(struct trace *t, FILE *f, const char *name, char *err, size_t size)
{
	FILE *cap = tmpfile();
	int saved, ret;
	size_t n;

	if (!cap)
		abort();
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if (saved < 0 || dup2(fileno(cap), STDERR_FILENO) < 0)
		abort();
	ret = trace_read(t, f, name, 0);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(cap);
	n = fread(err, 1, size - 1, cap);
	err[n] = '\0';
	fclose(cap);
	return ret;
}

static void test_format(struct kunit *test)
{
	struct trace t = { 0 };
	FILE *f = text_file("# a comment\n\n7\n  0x10  trailing words\n\t7\n16,read\n#8\n99 # why\n");
	char err[256];

	KUNIT_EXPECT_EQ_MSG(test, trace_read(&t, f, "fmt", 0), 0,
			    "trace with comments, blanks, hex, trailing text is read");
	KUNIT_EXPECT_EQ_MSG(test, t.n, 5, "5 references (comments and blank lines skipped)");
	KUNIT_ASSERT_EQ(test, t.nr_ids, 3);	/* 3 distinct pages (0x10 and 16 are the same page) */
	KUNIT_EXPECT_TRUE_MSG(test, t.vpn[t.ids[0]] == 7 && t.vpn[t.ids[1]] == 16 && t.ids[2] == t.ids[0] &&
			      t.ids[3] == t.ids[1] && t.vpn[t.ids[4]] == 99, "page numbers and their order");
	fclose(f);
	trace_free(&t);

	f = text_file("0x7f0000001234\n0x7f0000001fff\n0x7f0000002000\n");
	KUNIT_EXPECT_EQ_MSG(test, trace_read(&t, f, "bytes", 12), 0, "byte addresses with -s 12");
	KUNIT_EXPECT_EQ_MSG(test, t.nr_ids, 2, "two pages after the shift");
	fclose(f);
	trace_free(&t);

	f = text_file("0\n1\n512\n262144\n");
	KUNIT_EXPECT_EQ(test, trace_read(&t, f, "tables", 0), 0);
	KUNIT_EXPECT_EQ_MSG(test, trace_table_pages(&t), 3 + 2 + 1 + 1,
			    "page tables needed: 3 PTE, 2 PMD, 1 PUD tables and the pgd");
	fclose(f);
	trace_free(&t);

	f = text_file("1\n2\nthree\n");
	KUNIT_EXPECT_EQ_MSG(test, trace_read_err(&t, f, "bad", err, sizeof(err)), -1,
			    "a line that is not a number is refused");
	KUNIT_EXPECT_TRUE_MSG(test, strstr(err, "bad:3: not a page number: three"),
			      "the error names the trace and line: \"%s\"", err);
	fclose(f);
	trace_free(&t);

	f = text_file("0x7f0000001234\n");
	KUNIT_EXPECT_EQ_MSG(test, trace_read_err(&t, f, "big", err, sizeof(err)), -1,
			    "a number above 2^36 pages is refused");
	KUNIT_EXPECT_TRUE_MSG(test, strstr(err, "big:1: ") && strstr(err, "try -s 12"),
			      "the error names the line and hints at -s 12: \"%s\"", err);
	fclose(f);
	trace_free(&t);
}

static void test_opt_textbook(struct kunit *test)
{
	static const unsigned int sil[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };
	static const unsigned int anomaly[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };

	KUNIT_EXPECT_EQ_MSG(test, opt_faults(sil, 20, 8, 3), 9, "OPT, Silberschatz's string, 3 frames: 9 faults");
	KUNIT_EXPECT_EQ_MSG(test, opt_faults(anomaly, 12, 6, 3), 7, "OPT, Belady's anomaly string, 3 frames: 7 faults");
	KUNIT_EXPECT_EQ_MSG(test, opt_faults(anomaly, 12, 6, 4), 6, "OPT, 4 frames: 6 (more memory never hurts OPT)");
	KUNIT_EXPECT_EQ_MSG(test, opt_faults(anomaly, 12, 6, 1), 12, "OPT, 1 frame: every reference faults");
}

/* A trace from a fixed seed (lib/prandom.c): mode 0 loop, 1 hot/cold 80/20. Returns trace_read's result. */
static int make_trace(struct trace *t, int mode, unsigned int pages, size_t refs)
{
	struct rnd_state rnd;
	char line[32];
	FILE *f = tmpfile();
	int ret;

	if (!f)
		abort();
	prandom_seed_state(&rnd, 12345);
	for (size_t i = 0; i < refs; i++) {
		u64 x = prandom_u64_state(&rnd);
		unsigned long p;

		if (mode == 0)
			p = i % pages;
		else if ((x >> 33) % 10 < 8)
			p = (x >> 40) % (pages / 5);
		else
			p = pages / 5 + (x >> 40) % (pages - pages / 5);
		snprintf(line, sizeof(line), "%lu\n", p * 3);	/* spread over a few PTE tables */
		fputs(line, f);
	}
	rewind(f);
	ret = trace_read(t, f, "gen", 0);
	fclose(f);
	return ret;
}

static void check_table(struct kunit *test, int mode, const char *what)
{
	struct trace t = { 0 };
	unsigned long sizes[] = { 20, 50, 100, 150, 200, 300 }, prev_opt = ~0UL;

	KUNIT_ASSERT_EQ(test, make_trace(&t, mode, 200, 6000), 0);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long opt = replay(&t, "opt", sizes[i], 1, NULL);
		bool below = true, bounds = true;

		for (int c = 0; c < 3; c++) {
			unsigned long f = replay(&t, cols[c], sizes[i], 1, NULL);

			below &= opt <= f;
			bounds &= f >= t.nr_ids && f <= t.n;
			if (sizes[i] >= t.nr_ids)
				KUNIT_EXPECT_EQ_MSG(test, f, t.nr_ids,
						    "%s, %lu frames: the trace fits, %s faults once per page",
						    what, sizes[i], cols[c]);
			if (i == 2)
				KUNIT_EXPECT_EQ_MSG(test, replay(&t, cols[c], sizes[i], 1, NULL), f,
						    "%s: %s gives the same faults twice", what, cols[c]);
		}
		KUNIT_EXPECT_TRUE_MSG(test, below, "%s, %lu frames: OPT (%lu) <= gen, classic, clock",
				      what, sizes[i], opt);
		KUNIT_EXPECT_TRUE_MSG(test, bounds, "%s, %lu frames: distinct pages <= faults <= references",
				      what, sizes[i]);
		/* Compared here, unsigned: KUNIT_EXPECT_OP compares as long long, and prev_opt starts at ~0UL. */
		KUNIT_EXPECT_TRUE_MSG(test, opt <= prev_opt, "%s, %lu frames: OPT (%lu) not worse than with less"
				      " memory (%lu)", what, sizes[i], opt, prev_opt);
		prev_opt = opt;
	}
	/* Batched reclaim (32 at a time, as kswapd) still works and cannot beat OPT. */
	for (int c = 0; c < 3; c++)
		KUNIT_EXPECT_OP_MSG(test, replay(&t, cols[c], 100, 32, NULL), >=, replay(&t, "opt", 100, 1, NULL),
				    "%s: %s with -b 32 >= OPT", what, cols[c]);
	trace_free(&t);
}

static void test_table_loop(struct kunit *test)
{
	check_table(test, 0, "loop");
}

static void test_table_hot_cold(struct kunit *test)
{
	check_table(test, 1, "hot/cold");
}

/* After every case: nothing left on the LRU, no page leaked (buddy + per-CPU lists). */
static void check_back_to_boot(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, lru_policy->nr_pages(), 0, "the LRU is empty again");
	KUNIT_EXPECT_EQ_MSG(test, nr_free_pages() + nr_pcp_pages(), free_at_boot,
			    "no page leaked (buddy + per-CPU lists)");
}

/* The simulated machine: 4096 pages of fake RAM, memblock and the buddy allocator on it. */
int selftest_host_init(void)
{
	sim_boot(4096);
	free_at_boot = nr_free_pages() + nr_pcp_pages();
	return 0;
}

static struct kunit_case lru_replay_host_cases[] = {
	KUNIT_CASE(test_format),
	KUNIT_CASE(test_opt_textbook),
	KUNIT_CASE(test_table_loop),
	KUNIT_CASE(test_table_hot_cold),
	{ NULL, NULL },
};
static struct kunit_suite lru_replay_host_suite = {
	.name = "lru_replay_host",
	.cases = lru_replay_host_cases,
	.exit = check_back_to_boot,
};
selftest_suite(lru_replay_host_suite);
