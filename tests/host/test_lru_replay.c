/*
 * Tests of lru-replay's trace reader and replay (tools/mm/lru_trace.c) and
 * of Belady's OPT (tools/mm/lru_opt.c):
 *   - the trace format: numbers in decimal or hex, blank lines, '#'
 *     comments and trailing text ignored, -s shift, a bad line refused
 *     with its line number;
 *   - OPT on textbook reference strings (Silberschatz's 20-reference
 *     string: 9 faults in 3 frames; Belady's anomaly string, where FIFO
 *     gets worse with more memory: OPT 7 faults in 3 frames, 6 in 4);
 *   - on generated traces, at every memory size: OPT <= every policy
 *     (nothing beats the optimum), distinct pages <= faults <= references,
 *     OPT never worse with more memory (a stack algorithm), everyone
 *     exactly "distinct pages" once the whole trace fits, and the same
 *     numbers on a second run (the policies are deterministic).
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/prandom.h>
#include "../../tools/mm/lru_opt.h"
#include "../../tools/mm/lru_sim.h"
#include "../../tools/mm/lru_trace.h"
#include "host_shim.h"
#include "tap.h"

static const char *const cols[] = { "gen", "classic", "clock" };

static FILE *text_file(const char *text)
{
	FILE *f = tmpfile();

	if (!f)
		abort();
	fputs(text, f);
	rewind(f);
	return f;
}

static void test_format(void)
{
	struct trace t = { 0 };
	FILE *f = text_file("# a comment\n\n7\n  0x10  trailing words\n\t7\n16,read\n#8\n99 # why\n");

	is_int(trace_read(&t, f, "fmt", 0), 0, "trace with comments, blanks, hex, trailing text is read");
	is_int(t.n, 5, "5 references (comments and blank lines skipped)");
	is_int(t.nr_ids, 3, "3 distinct pages (0x10 and 16 are the same page)");
	ok(t.vpn[t.ids[0]] == 7 && t.vpn[t.ids[1]] == 16 && t.ids[2] == t.ids[0] && t.ids[3] == t.ids[1] &&
	   t.vpn[t.ids[4]] == 99, "page numbers and their order");
	fclose(f);
	trace_free(&t);

	f = text_file("0x7f0000001234\n0x7f0000001fff\n0x7f0000002000\n");
	is_int(trace_read(&t, f, "bytes", 12), 0, "byte addresses with -s 12");
	is_int(t.nr_ids, 2, "two pages after the shift");
	fclose(f);
	trace_free(&t);

	f = text_file("0\n1\n512\n262144\n");
	trace_read(&t, f, "tables", 0);
	is_int(trace_table_pages(&t), 3 + 2 + 1 + 1, "page tables needed: 3 PTE, 2 PMD, 1 PUD tables and the pgd");
	fclose(f);
	trace_free(&t);

	f = text_file("1\n2\nthree\n");
	host_log_clear();
	is_int(trace_read(&t, f, "bad", 0), -1, "a line that is not a number is refused");
	fclose(f);
	trace_free(&t);

	f = text_file("0x7f0000001234\n");
	is_int(trace_read(&t, f, "big", 0), -1, "a number above 2^36 pages is refused (hint: -s 12)");
	fclose(f);
	trace_free(&t);
}

static void test_opt_textbook(void)
{
	static const unsigned int sil[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };
	static const unsigned int anomaly[] = { 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5 };

	is_int(opt_faults(sil, 20, 8, 3), 9, "OPT, Silberschatz's string, 3 frames: 9 faults");
	is_int(opt_faults(anomaly, 12, 6, 3), 7, "OPT, Belady's anomaly string, 3 frames: 7 faults");
	is_int(opt_faults(anomaly, 12, 6, 4), 6, "OPT, 4 frames: 6 (more memory never hurts OPT)");
	is_int(opt_faults(anomaly, 12, 6, 1), 12, "OPT, 1 frame: every reference faults");
}

/* A trace from a fixed seed (lib/prandom.c): mode 0 loop, 1 hot/cold 80/20. */
static void make_trace(struct trace *t, int mode, unsigned int pages, size_t refs)
{
	struct rnd_state rnd;
	char line[32];
	FILE *f = tmpfile();

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
	if (trace_read(t, f, "gen", 0))
		abort();
	fclose(f);
}

static void test_table(int mode, const char *what)
{
	struct trace t = { 0 };
	unsigned long sizes[] = { 20, 50, 100, 150, 200, 300 }, prev_opt = ~0UL;

	make_trace(&t, mode, 200, 6000);
	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long opt = replay(&t, "opt", sizes[i], 1, NULL);
		bool below = true, bounds = true;

		for (int c = 0; c < 3; c++) {
			unsigned long f = replay(&t, cols[c], sizes[i], 1, NULL);

			below &= opt <= f;
			bounds &= f >= t.nr_ids && f <= t.n;
			if (sizes[i] >= t.nr_ids)
				is_int(f, t.nr_ids, "%s, %lu frames: the trace fits, %s faults once per page",
				       what, sizes[i], cols[c]);
			if (i == 2)
				is_int(replay(&t, cols[c], sizes[i], 1, NULL), f, "%s: %s gives the same faults twice",
				       what, cols[c]);
		}
		ok(below, "%s, %lu frames: OPT (%lu) <= gen, classic, clock", what, sizes[i], opt);
		ok(bounds, "%s, %lu frames: distinct pages <= faults <= references", what, sizes[i]);
		ok(opt <= prev_opt, "%s, %lu frames: OPT not worse than with less memory", what, sizes[i]);
		prev_opt = opt;
	}
	/* Batched reclaim (32 at a time, as kswapd) still works and cannot beat OPT. */
	for (int c = 0; c < 3; c++)
		ok(replay(&t, cols[c], 100, 32, NULL) >= replay(&t, "opt", 100, 1, NULL), "%s: %s with -b 32 >= OPT",
		   what, cols[c]);
	trace_free(&t);
}

int main(void)
{
	sim_boot(4096);
	test_format();
	test_opt_textbook();
	test_table(0, "loop");
	test_table(1, "hot/cold");
	return done_testing();
}
