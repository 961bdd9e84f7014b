/* Anonymous memory mappings. mmap returns MAP_FAILED and sets errno on failure. */
#ifndef _USER_SYS_MMAN_H
#define _USER_SYS_MMAN_H

#include <stddef.h>
#include <uapi/mman.h>

#define MAP_FAILED	((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, long offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);

#endif
