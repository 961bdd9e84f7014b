/*
 * Booting the real page allocator on fake RAM, the way arch/arm64/mm/init.c
 * does in the kernel, for host tests of code that needs pages (SLUB,
 * zsmalloc, zram, page tables, LRU).
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include "host_shim.h"

void host_mm_boot(phys_addr_t base, unsigned long size)
{
	struct kernel_image_sizes sizes = { 0 };

	host_ram_alloc(size, base);
	memblock_add(base, size);
	free_area_init(PHYS_PFN(base), PHYS_PFN(base + size));
	mem_init(&sizes);
}
