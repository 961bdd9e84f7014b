/*
 * Memory bring-up at boot, the arm64 side (Linux: arch/arm64/mm/init.c
 * arm64_memblock_init and bootmem_init): from the device tree's description
 * of RAM to working page and slab allocators. The generic steps it calls
 * live in mm/ (mm/mm_init.c free_area_init and mem_init, the same ones the
 * host tests run on fake RAM); the page tables in arch/arm64/mm/mmu.c.
 *
 *   1. memblock.memory   <- every /memory range
 *      memblock.reserved <- /memreserve/, /reserved-memory (no-map ones also
 *                           marked NOMAP), the kernel image (which holds the
 *                           early page tables), the DTB, the initrd,
 *                           spin-table release words
 *   2. the linear map of RAM at PAGE_OFFSET (paging_init_linear_map)
 *   3. struct page array from memblock, free ranges to the buddy allocator
 *      (free_area_init, mem_init); min_free_kbytes= from the command line
 *   4. SLUB's caches (kmem_cache_init)
 *   5. the kernel's page tables again, from buddy pages (paging_init)
 *   6. reclaim's pieces that need the allocators: the LRU policy, the
 *      compressed swap area (zram_init)
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <asm/boot.h>
#include <asm/mmu.h>
#include <asm/setup.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

static long boot_min_free_kbytes = -1;

static int __init parse_min_free_kbytes(const char *val)
{
	char *end;

	if (!val)
		return -1;
	boot_min_free_kbytes = (long)strtoul(val, &end, 0);
	return *end ? -1 : 0;
}
__setup("min_free_kbytes", parse_min_free_kbytes);

static void add_memory(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	memblock_add(base, size);
}

static void reserve_range(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	if (!size)
		return;		/* dynamic reservations are reported in the banner, not supported */
	memblock_reserve(base, size);
	if (nomap)
		memblock_mark_nomap(base, size);
}

/*
 * Secondary CPUs parked by the firmware in a spin-table loop poll a 64-bit
 * release word (cpu-release-addr). It must never be handed out as free
 * memory, or a stray write would release a core into garbage.
 */
static void reserve_spin_table(const char *name, u64 hwid, u64 release_addr, void *arg)
{
	(void)name;
	(void)hwid;
	(void)arg;
	memblock_reserve(release_addr, 8);
}

void setup_arch_memory(void)
{
	u64 initrd_start, initrd_end;
	unsigned long image_size = (unsigned long)(_end - _text);
	struct kernel_image_sizes sizes = {
		.code = (unsigned long)(_etext - _text),
		.rodata = (unsigned long)(__end_rodata - __start_rodata),
		.rwdata = (unsigned long)(_edata - _data),
		.bss = (unsigned long)(_end - _edata),
	};

	of_scan_memory(add_memory, NULL);
	of_scan_reserved(reserve_range, NULL);
	memblock_reserve(early_boot_info.phys_text, image_size);
	memblock_reserve(early_boot_info.dtb_pa, early_boot_info.dtb_size);
	if (of_initrd(&initrd_start, &initrd_end))
		memblock_reserve(initrd_start, initrd_end - initrd_start);
	of_scan_spin_tables(reserve_spin_table, NULL);
	if (!memblock_is_memory(early_boot_info.phys_text))
		panic("the kernel image at 0x%lx is not in any /memory range of the device tree",
		      (unsigned long)early_boot_info.phys_text);
	memblock_dump_all();

	paging_init_linear_map();
	free_area_init(PHYS_PFN(memblock_start_of_DRAM()), PHYS_PFN(memblock_end_of_DRAM()));
	mem_init(&sizes);
	if (boot_min_free_kbytes >= 0 && !min_free_kbytes_valid(boot_min_free_kbytes))
		printk("min_free_kbytes=%ld: out of range (128..%lu KiB, a quarter of RAM), ignored\n",
		       boot_min_free_kbytes, (totalram_pages() << (PAGE_SHIFT - 10)) / 4);
	else if (boot_min_free_kbytes >= 0)
		setup_min_free_kbytes((unsigned long)boot_min_free_kbytes);
	kmem_cache_init();
	paging_init();		/* the kernel's tables again, from buddy pages (arch/arm64/mm/mmu.c) */
	/* The pieces of reclaim that need the allocators: the LRU policy and the swap area. */
	lru_policy->init();
	if (zram_init(0))
		printk("zram: no swap area: anonymous memory cannot be reclaimed\n");
}
