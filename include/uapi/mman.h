/*
 * mmap/mprotect constants, shared by the kernel and user programs, with
 * Linux's values (include/uapi/asm-generic/mman-common.h).
 * Only anonymous private mappings exist: MAP_PRIVATE | MAP_ANONYMOUS is
 * required, fd must be -1 and offset 0.
 */
#ifndef _UAPI_MMAN_H
#define _UAPI_MMAN_H

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

#define MAP_SHARED	0x01	/* not supported: -EINVAL */
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10	/* place exactly at addr, replacing what was there */
#define MAP_ANONYMOUS	0x20

#endif
