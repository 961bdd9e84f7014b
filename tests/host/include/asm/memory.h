/*
 * Host stand-in for asm/memory.h. "Physical memory" is an arena the test
 * allocates; host_phys_base is the fake physical address of its first byte
 * and host_va_offset turns a fake physical address into a host pointer.
 */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define VA_BITS		48	/* as on arm64: TASK_SIZE in asm/pgtable.h */

extern unsigned long host_va_offset;

#define __va(pa)	((void *)((unsigned long)(pa) + host_va_offset))
#define __pa(va)	((phys_addr_t)((unsigned long)(va) - host_va_offset))
#define virt_addr_valid(va) 1

#endif
