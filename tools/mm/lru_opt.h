/* Belady's OPT (MIN) for the LRU tests and lru-replay (tools/mm/lru_opt.c). */
#ifndef LRU_OPT_H
#define LRU_OPT_H

#include <stddef.h>

/*
 * Page faults of the optimal policy on the reference string ids[0..n)
 * (values 0..nr_ids-1) with capacity page frames: on a fault with memory
 * full, evict the resident page whose next use is farthest away (or never).
 * Cold misses included. O(n log n).
 */
unsigned long opt_faults(const unsigned int *ids, size_t n, unsigned int nr_ids, unsigned long capacity);

#endif
