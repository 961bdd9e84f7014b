/*
 * lru-replay: replay a page-reference trace through the kernel's three LRU
 * policies and through Belady's OPT, at several memory sizes, and print
 * the page faults of each.
 *
 *   build/tools/lru-replay [-m SIZES] [-p POLICIES] [-s SHIFT] [-b BATCH] [-S] TRACE...
 *
 * TRACE is plain text, one page (or block) number per line, decimal or 0x
 * hex; blank lines and lines starting with '#' are ignored, and so is
 * anything after the number on a line. "-" reads standard input. This is
 * the format of the kernel's fault-stream recorder and of many public
 * page-reference traces.
 *
 *   -m 100,200,400    memory sizes in page frames (default: 10%, 25%, 50%,
 *                     75% and 90% of the trace's distinct pages)
 *   -p gen,clock,opt  columns to print (default gen,classic,clock,opt)
 *   -s 12             shift every number right first (12: byte addresses)
 *   -b 32             pages reclaimed per fault when memory is full
 *                     (default 1, demand paging as OPT assumes; the kernel's
 *                     reclaim works in batches of SWAP_CLUSTER_MAX = 32)
 *   -S                after each policy's run, print its state and counters
 *                     to stderr, as the kernel's `lru_gen` command does
 *
 * The policies are the kernel's own mm/lru_gen.c, mm/lru_classic.c and
 * mm/lru_clock.c, compiled for the host, driven by the simulated machine of
 * tools/mm/lru_sim.c (real page tables, real struct pages): page number p
 * is user virtual address p << 12 of one address space. Faults include the
 * first touch of every page (cold misses).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include "../../mm/lru.h"
#include "../../tests/host/host_shim.h"
#include "lru_sim.h"
#include "lru_trace.h"

/*
 * ---- a quiet host shim ----
 * tests/host/host_shim.c gives the kernel code what it expects (printk,
 * panic, the simulated RAM); here printk goes to stderr only with -v (or
 * while -S shows a policy's state), not to stdout as TAP comments.
 */
static bool verbose, show_state, showing;

static void quiet_printk(const char *text)
{
	if (verbose || showing)
		fputs(text, stderr);
}

/* -S: what the kernel's `lru_gen` command would print now (replay()'s after hook). */
static void show_policy_state(const char *name, unsigned long capacity)
{
	fflush(stdout);
	fprintf(stderr, "## lru=%s, %lu frames, after the trace:\n", name, capacity);
	showing = true;
	lru_policy->show();
	lru_stat_show();
	showing = false;
}

/* Split "a,b,c" in place into at most max words. */
static int split_list(char *s, char **out, int max)
{
	int n = 0;

	for (char *tok = strtok(s, ","); tok && n < max; tok = strtok(NULL, ","))
		out[n++] = tok;
	return n;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: lru-replay [-m SIZES] [-p POLICIES] [-s SHIFT] [-b BATCH] [-S] [-v] TRACE...\n"
		"  TRACE     text, one page number per line (decimal or 0x hex), '#' comments; - = stdin\n"
		"  -m SIZES  memory sizes in pages, e.g. 100,200,400 (default: 10,25,50,75,90%% of distinct pages)\n"
		"  -p LIST   columns among gen,classic,clock,opt (default: all four)\n"
		"  -s SHIFT  shift numbers right first (12 for byte addresses)\n"
		"  -b BATCH  pages reclaimed per fault when memory is full (default 1)\n"
		"  -S        after each policy's run, print its state and counters like the\n"
		"            kernel's lru_gen shell command (to stderr)\n"
		"  -v        print the kernel code's messages (to stderr)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static char default_cols[] = "gen,classic,clock,opt";
	char *cols[8], *size_arg = NULL, *col_arg = default_cols;
	unsigned long sizes[32], batch = 1, max_size = 0;
	unsigned int shift = 0;
	int nr_cols, nr_sizes = 0, opt;

	host_printk_sink = quiet_printk;
	struct trace t = { 0 };

	while ((opt = getopt(argc, argv, "m:p:s:b:Svh")) != -1) {
		switch (opt) {
		case 'm': size_arg = optarg; break;
		case 'p': col_arg = optarg; break;
		case 's': shift = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'b': batch = strtoul(optarg, NULL, 0); break;
		case 'S': show_state = true; break;
		case 'v': verbose = true; break;
		default: usage();
		}
	}
	if (optind >= argc || !batch || shift > 40)
		usage();
	nr_cols = split_list(col_arg, cols, 8);
	for (int c = 0; c < nr_cols; c++)
		if (strcmp(cols[c], "opt") && !lru_policy_find(cols[c])) {
			fprintf(stderr, "lru-replay: unknown policy '%s' (gen, classic, clock, opt)\n", cols[c]);
			return 2;
		}
	for (int a = optind; a < argc; a++) {
		FILE *f = strcmp(argv[a], "-") ? fopen(argv[a], "r") : stdin;

		if (!f) {
			fprintf(stderr, "lru-replay: %s: %s\n", argv[a], strerror(errno));
			return 1;
		}
		if (trace_read(&t, f, argv[a], shift))
			return 1;
		if (f != stdin)
			fclose(f);
	}
	if (!t.n) {
		fprintf(stderr, "lru-replay: the trace is empty\n");
		return 1;
	}
	if (size_arg) {
		char *words[32];
		int n = split_list(size_arg, words, 32);

		for (int i = 0; i < n; i++) {
			char *end;

			sizes[nr_sizes] = strtoul(words[i], &end, 0);
			if (*end || !sizes[nr_sizes]) {
				fprintf(stderr, "lru-replay: bad memory size '%s'\n", words[i]);
				return 2;
			}
			nr_sizes++;
		}
	} else {
		static const int pct[] = { 10, 25, 50, 75, 90 };

		for (int i = 0; i < 5; i++) {
			unsigned long s = max(1UL, (unsigned long)t.nr_ids * pct[i] / 100);

			if (!nr_sizes || s != sizes[nr_sizes - 1])
				sizes[nr_sizes++] = s;
		}
	}
	for (int i = 0; i < nr_sizes; i++)
		max_size = max(max_size, sizes[i]);

	sim_boot(max_size + trace_table_pages(&t) + 256);
	printf("# %s: %zu references, %u distinct pages; page faults (first touches included)\n",
	       argc - optind == 1 ? argv[optind] : "traces", t.n, t.nr_ids);
	printf("%8s", "memory");
	for (int c = 0; c < nr_cols; c++)
		printf(" %9s", cols[c]);
	printf("\n");
	for (int i = 0; i < nr_sizes; i++) {
		unsigned long faults[8];

		for (int c = 0; c < nr_cols; c++)
			faults[c] = replay(&t, cols[c], sizes[i], batch, show_state ? show_policy_state : NULL);
		printf("%8lu", sizes[i]);
		for (int c = 0; c < nr_cols; c++)
			printf(" %9lu", faults[c]);
		printf("\n");
		fflush(stdout);
	}
	return 0;
}
