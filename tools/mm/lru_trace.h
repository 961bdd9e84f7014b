/*
 * Page-reference traces and their replay (tools/mm/lru_trace.c): what
 * lru-replay (tools/mm/lru_replay.c) does for each column of its table,
 * and what tests/host/test_lru_replay.c checks.
 *
 * A trace is plain text, one page (or block) number per line, decimal or
 * 0x hex; blank lines and lines starting with '#' are ignored, and so is
 * anything after the number on a line.
 */
#ifndef LRU_TRACE_H
#define LRU_TRACE_H

#include <stdio.h>
#include <stddef.h>

struct trace {
	unsigned int *ids;		/* the references, as dense page ids */
	size_t n, cap;
	unsigned long *vpn;		/* id -> page number */
	unsigned int nr_ids;
	/* page number -> id + 1 (0: empty), open addressing */
	unsigned long *hkeys;
	unsigned int *hvals;
	size_t hsize;
};

/*
 * Append the references in f to t (zero-initialised before the first call),
 * each number shifted right by shift. Returns 0, or -1 after printing
 * "name:line: ..." to stderr for a line that is not a page number.
 */
int trace_read(struct trace *t, FILE *f, const char *name, unsigned int shift);
/* Free what trace_read allocated; t is empty again. */
void trace_free(struct trace *t);
/* Page-table pages the trace needs: one per distinct 2 MiB, 1 GiB and 512 GiB region, and the pgd. */
unsigned long trace_table_pages(const struct trace *t);

/*
 * Page faults of column col ("opt" for Belady's OPT, else a kernel LRU
 * policy run on the simulated machine of lru_sim.h, which must be booted)
 * on t with capacity page frames, reclaiming batch pages at a time when
 * memory is full. For a policy, after() (if not NULL) is called once the
 * trace has run, while its pages are still on the LRU.
 */
unsigned long replay(const struct trace *t, const char *col, unsigned long capacity, unsigned long batch,
		     void (*after)(const char *policy, unsigned long capacity));

#endif
