/*
 * malloc/free on the program break: the first-fit allocator of Kernighan &
 * Ritchie, "The C Programming Language" 2nd ed., section 8.7. Free blocks
 * sit on a circular list sorted by address; free() merges a block with its
 * neighbours; when nothing fits, the heap grows with sbrk() by at least
 * MIN_GROW bytes. Memory is never given back to the kernel.
 * Blocks are multiples of 16 bytes with a 16-byte header in front.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>

struct header {
	struct header *next;	/* next free block (only while free) */
	size_t units;		/* block size in headers, the header included */
};

#define UNIT		sizeof(struct header)	/* 16 */
#define MIN_GROW	(64 * 1024)

static struct header base;	/* a zero-size block that anchors the free list */
static struct header *freep;	/* where the last search stopped */

/* Ask the kernel for at least nunits more; put them on the free list. */
static struct header *morecore(size_t nunits)
{
	uintptr_t cur = (uintptr_t)sbrk(0);
	size_t pad = -cur & (UNIT - 1);		/* keep blocks 16-byte aligned */
	size_t bytes;
	char *p;

	if (nunits * UNIT < MIN_GROW)
		nunits = MIN_GROW / UNIT;
	bytes = nunits * UNIT;
	p = sbrk((long)(bytes + pad));
	if (p == (char *)-1)
		return NULL;
	((struct header *)(p + pad))->units = nunits;
	free((struct header *)(p + pad) + 1);
	return freep;
}

void *malloc(size_t size)
{
	struct header *p, *prev;
	size_t nunits;

	if (size == 0 || size > ((size_t)1 << 47))
		return NULL;
	nunits = (size + UNIT - 1) / UNIT + 1;
	if (!freep) {
		base.next = freep = &base;
		base.units = 0;
	}
	prev = freep;
	for (p = prev->next;; prev = p, p = p->next) {
		if (p->units >= nunits) {
			if (p->units == nunits) {
				prev->next = p->next;
			} else {
				/* Hand out the tail end, so the list need not change. */
				p->units -= nunits;
				p += p->units;
				p->units = nunits;
			}
			freep = prev;
			return p + 1;
		}
		if (p == freep && !(p = morecore(nunits)))
			return NULL;
	}
}

void free(void *ap)
{
	struct header *bp, *p;

	if (!ap)
		return;
	bp = (struct header *)ap - 1;
	/* Find p with p < bp < p->next (or the wrap-around point). */
	for (p = freep; !(bp > p && bp < p->next); p = p->next)
		if (p >= p->next && (bp > p || bp < p->next))
			break;
	if (bp + bp->units == p->next) {	/* merge with the upper neighbour */
		bp->units += p->next->units;
		bp->next = p->next->next;
	} else {
		bp->next = p->next;
	}
	if (p + p->units == bp) {		/* merge with the lower neighbour */
		p->units += bp->units;
		p->next = bp->next;
	} else {
		p->next = bp;
	}
	freep = p;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *old, size_t size)
{
	size_t have;
	void *p;

	if (!old)
		return malloc(size);
	if (!size) {
		free(old);
		return NULL;
	}
	have = (((struct header *)old - 1)->units - 1) * UNIT;
	if (have >= size)
		return old;
	p = malloc(size);
	if (p) {
		memcpy(p, old, have);
		free(old);
	}
	return p;
}
