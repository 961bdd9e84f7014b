/*
 * Belady's OPT (L. A. Belady, "A study of replacement algorithms for a
 * virtual-storage computer", 1966): the fewest faults any demand-paging
 * policy can have on a reference string, because it knows the future.
 *
 * next[i] is the index of the next reference to the same page (n: never),
 * computed in one backward pass. The resident pages sit in a max-heap keyed
 * by their next use; an entry is stale once the page was referenced again
 * (its key no longer equals the page's current next use) or evicted, and
 * stale entries are dropped when they reach the top (lazy deletion).
 */
#include <stdlib.h>
#include <stdbool.h>
#include "lru_opt.h"

struct heap_ent {
	size_t next;
	unsigned int id;
};

static void heap_push(struct heap_ent *h, size_t *len, struct heap_ent e)
{
	size_t i = (*len)++;

	while (i && h[(i - 1) / 2].next < e.next) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = e;
}

static struct heap_ent heap_pop(struct heap_ent *h, size_t *len)
{
	struct heap_ent top = h[0], last = h[--(*len)];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= *len)
			break;
		if (c + 1 < *len && h[c + 1].next > h[c].next)
			c++;
		if (h[c].next <= last.next)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*len)
		h[i] = last;
	return top;
}

unsigned long opt_faults(const unsigned int *ids, size_t n, unsigned int nr_ids, unsigned long capacity)
{
	size_t *next = malloc(n * sizeof(*next) + 1);
	size_t *last_seen = malloc(nr_ids * sizeof(*last_seen) + 1);
	size_t *cur_next = malloc(nr_ids * sizeof(*cur_next) + 1);
	bool *resident = calloc(nr_ids + 1, sizeof(*resident));
	struct heap_ent *heap = malloc((n + 1) * sizeof(*heap));
	unsigned long faults = 0, nr_resident = 0;
	size_t len = 0;

	if (!next || !last_seen || !cur_next || !resident || !heap)
		abort();
	for (unsigned int id = 0; id < nr_ids; id++)
		last_seen[id] = n;
	for (size_t i = n; i-- > 0;) {
		next[i] = last_seen[ids[i]];
		last_seen[ids[i]] = i;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned int id = ids[i];

		if (!resident[id]) {
			faults++;
			if (nr_resident == capacity) {
				for (;;) {
					struct heap_ent e = heap_pop(heap, &len);

					if (resident[e.id] && cur_next[e.id] == e.next) {
						resident[e.id] = false;
						nr_resident--;
						break;
					}
				}
			}
			resident[id] = true;
			nr_resident++;
		}
		cur_next[id] = next[i];
		heap_push(heap, &len, (struct heap_ent){ next[i], id });
	}
	free(next);
	free(last_seen);
	free(cur_next);
	free(resident);
	free(heap);
	return faults;
}
