/*
 * struct page: one descriptor per physical page frame, in one array
 * (mem_map) allocated from memblock at boot. It is kept to 64 bytes so the
 * array costs 64/4096 = 1.6% of RAM. The meaning of the union depends on who
 * owns the page, exactly as in Linux's include/linux/mm_types.h:
 *   - free in the buddy allocator: lru links it on a free list, private holds
 *     the order (PG_buddy set);
 *   - a slab: slab_list, slab_cache, freelist, inuse/objects (PG_slab set);
 *   - an anonymous user page: lru links it on an LRU list, mapping/index say
 *     which mm and virtual address map it (reverse map), private holds the
 *     swap entry while in the swap cache.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>

struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits, see page-flags.h */
	atomic_t _refcount;		/* 0 when free; users hold references (linux/page_ref.h) */
	atomic_t _mapcount;		/* user PTEs mapping it, minus one (page_mapcount) */
	union {
		struct {		/* buddy, LRU, anonymous pages */
			struct list_head lru;
			unsigned long private;
			void *mapping;
			unsigned long index;
		};
		struct {		/* SLUB */
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;	/* first free object */
			unsigned short inuse;
			unsigned short objects;
			unsigned int frozen;	/* 1 while it is some CPU's active slab */
		};
	};
	unsigned long _pad;		/* reserved (keeps the struct at 64 bytes) */
};

#endif
