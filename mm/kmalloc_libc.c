/*
 * malloc, calloc and free for the C libraries linked into the kernel
 * (liblz4 calls calloc/free; declared in include/libc/stdlib.h). They are
 * kmalloc with GFP_KERNEL, so they must not be called from interrupt
 * context, and return NULL before kmem_cache_init(). malloc(0) returns
 * ZERO_SIZE_PTR, which C allows ("a unique pointer or NULL") only loosely:
 * free() accepts it and touching it faults.
 *
 * Kernel only: a host test is an ordinary program and keeps glibc's.
 */
#ifndef HOST_TEST
#include <stdlib.h>
#include <linux/slab.h>

void *malloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

void *calloc(size_t n, size_t size)
{
	return kcalloc(n, size, GFP_KERNEL);
}

void free(void *p)
{
	kfree(p);
}
#endif
