/*
 * The kernel's virtual memory layout (48-bit VA, TTBR1 half) and the
 * conversions between physical addresses, linear-map addresses and
 * struct page. Mirrors Linux's arch/arm64/include/asm/memory.h.
 *
 *   0xffff000000000000  PAGE_OFFSET   linear map of all RAM (phys + PAGE_OFFSET)
 *   0xffff800000000000  KIMAGE_VADDR  the kernel image (text, rodata, data, bss)
 *   0xffff800040000000  FDT_VIRT      the device tree blob, read-only
 *   0xffff800080000000  FIXMAP_START  early device mappings (UART) before ioremap
 */
#ifndef _ASM_MEMORY_H
#define _ASM_MEMORY_H

#include <linux/const.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_UL(1) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define VA_BITS		48
#define PAGE_OFFSET	_UL(0xffff000000000000)
#define KIMAGE_VADDR	_UL(0xffff800000000000)
#define FDT_VIRT	_UL(0xffff800040000000)
#define FDT_MAX_SIZE	_UL(0x200000)	/* the boot protocol caps the DTB at 2 MiB */
#define FIXMAP_START	_UL(0xffff800080000000)
#define FIXMAP_SIZE	_UL(0x200000)

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Physical address the image was loaded at minus KIMAGE_VADDR (set by boot/head.S). */
extern unsigned long kimage_voffset;

#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))
#define __pa(va)	((phys_addr_t)((unsigned long)(va) - PAGE_OFFSET))
/* For symbols in the kernel image, which is not in the linear map range. */
#define __pa_symbol(x)	((phys_addr_t)((unsigned long)(x) - kimage_voffset))
#define virt_addr_valid(va) ((unsigned long)(va) >= PAGE_OFFSET && \
			     (unsigned long)(va) < KIMAGE_VADDR)
#endif

#endif
