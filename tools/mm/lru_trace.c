/*
 * Reading page-reference traces and replaying them (lru_trace.h): the
 * kernel's LRU policies on the simulated machine of tools/mm/lru_sim.c,
 * Belady's OPT by tools/mm/lru_opt.c. Page number p is user virtual address
 * p << PAGE_SHIFT of one address space.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "lru_opt.h"
#include "lru_sim.h"
#include "lru_trace.h"

/* ---- reading a trace ------------------------------------------------------- */

#define MAX_VPN	((1UL << 36) - 1)	/* user addresses are below 2^48 */

static unsigned int trace_id(struct trace *t, unsigned long vpn)
{
	size_t i;

	if (2 * (t->nr_ids + 1) > t->hsize) {		/* grow: rehash */
		size_t old = t->hsize;
		unsigned long *k = t->hkeys;
		unsigned int *v = t->hvals;

		t->hsize = old ? 2 * old : 1024;
		t->hkeys = calloc(t->hsize, sizeof(*t->hkeys));
		t->hvals = calloc(t->hsize, sizeof(*t->hvals));
		t->vpn = realloc(t->vpn, t->hsize * sizeof(*t->vpn));
		if (!t->hkeys || !t->hvals || !t->vpn)
			abort();
		for (size_t j = 0; j < old; j++) {
			if (!v[j])
				continue;
			for (i = (k[j] * 0x9e3779b97f4a7c15UL) & (t->hsize - 1); t->hvals[i];
			     i = (i + 1) & (t->hsize - 1))
				;
			t->hkeys[i] = k[j];
			t->hvals[i] = v[j];
		}
		free(k);
		free(v);
	}
	for (i = (vpn * 0x9e3779b97f4a7c15UL) & (t->hsize - 1); t->hvals[i]; i = (i + 1) & (t->hsize - 1))
		if (t->hkeys[i] == vpn)
			return t->hvals[i] - 1;
	t->hkeys[i] = vpn;
	t->hvals[i] = ++t->nr_ids;
	t->vpn[t->nr_ids - 1] = vpn;
	return t->nr_ids - 1;
}

int trace_read(struct trace *t, FILE *f, const char *name, unsigned int shift)
{
	char line[256];
	unsigned long lineno = 0;

	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;
		unsigned long long v;

		lineno++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		errno = 0;
		v = strtoull(p, &end, 0);
		if (end == p || errno || (*end && !strchr(" \t\r\n,#", *end))) {
			fprintf(stderr, "%s:%lu: not a page number: %s", name, lineno, line);
			return -1;
		}
		v >>= shift;
		if (v > MAX_VPN) {
			fprintf(stderr, "%s:%lu: page number 0x%llx is above 2^36 (byte addresses? try -s 12)\n",
				name, lineno, v);
			return -1;
		}
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 4096;
			t->ids = realloc(t->ids, t->cap * sizeof(*t->ids));
			if (!t->ids)
				abort();
		}
		t->ids[t->n++] = trace_id(t, (unsigned long)v);
	}
	return 0;
}

void trace_free(struct trace *t)
{
	free(t->ids);
	free(t->vpn);
	free(t->hkeys);
	free(t->hvals);
	memset(t, 0, sizeof(*t));
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

unsigned long trace_table_pages(const struct trace *t)
{
	unsigned long *k = malloc(t->nr_ids * sizeof(*k) + 1), n = 1;

	if (!k)
		abort();
	for (int shift = 9; shift <= 27; shift += 9) {
		for (unsigned int i = 0; i < t->nr_ids; i++)
			k[i] = t->vpn[i] >> shift;
		qsort(k, t->nr_ids, sizeof(*k), cmp_ulong);
		for (unsigned int i = 0; i < t->nr_ids; i++)
			n += !i || k[i] != k[i - 1];
	}
	free(k);
	return n;
}

/* ---- replay -------------------------------------------------------------- */

/* Faults of the kernel policy name on t with capacity frames (see replay()). */
static unsigned long replay_policy(const struct trace *t, const char *name, unsigned long capacity,
				   unsigned long batch, void (*after)(const char *policy, unsigned long capacity))
{
	struct mm_struct *mm;
	unsigned long faults;

	sim_reset(name, capacity);
	sim.batch = batch;
	mm = sim_mm_new();
	for (size_t i = 0; i < t->n; i++)
		sim_access(mm, t->vpn[t->ids[i]] << PAGE_SHIFT);
	faults = sim.faults;
	if (after)
		after(name, capacity);
	sim_mm_free(mm);
	return faults;
}

unsigned long replay(const struct trace *t, const char *col, unsigned long capacity, unsigned long batch,
		     void (*after)(const char *policy, unsigned long capacity))
{
	if (!strcmp(col, "opt"))
		return opt_faults(t->ids, t->n, t->nr_ids, capacity);
	return replay_policy(t, col, capacity, batch, after);
}
