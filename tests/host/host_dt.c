/*
 * Booting a fake machine from a device tree on the host, the way the
 * kernel's boot does it (boot/early_map.c records where the image and the
 * DTB are; setup_arch_memory builds memblock from the DT and starts the
 * buddy allocator), for the suites that check what boot made of the DT:
 * memblock (mm/memblock_test.c) and fdt (drivers/of_test.c).
 *
 * The blob is copied into the arena at dtb_pa, as firmware would place it,
 * and adopted with of_init(); the "kernel image" is a reserved range at
 * image_pa. The host's command line is the blob's /chosen/bootargs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <asm/boot_info.h>
#include "host_shim.h"

/* boot/early_map.c fills it in the kernel. */
struct early_boot_info early_boot_info;

struct dt_extent {
	u64 lowest, highest;
	int ranges;
};

static void extent(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct dt_extent *e = arg;

	e->lowest = e->ranges ? min(e->lowest, base) : base;
	e->highest = max(e->highest, base + size);
	e->ranges++;
}

/* As setup_arch_memory's callbacks: RAM, then reservations (no-map ones NOMAP too). */
static void add_memory(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	memblock_add(base, size);
}

static void reserve_range(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	if (!size)
		return;		/* dynamic placement: not supported, not reserved */
	memblock_reserve(base, size);
	if (nomap)
		memblock_mark_nomap(base, size);
}

int host_dt_boot(const char *path, phys_addr_t dtb_pa, phys_addr_t image_pa, unsigned long image_size)
{
	struct kernel_image_sizes sizes = { image_size, 0, 0, 0 };
	struct dt_extent ext = { 0 };
	const char *why = "";
	size_t len = 0;
	char *file = host_read_file(path, &len);
	void *fdt;

	if (!file) {
		printf("# host_dt_boot: cannot read %s\n", path);
		return -1;
	}
	/* Where RAM is, to size the arena; then the blob goes into it. */
	if (of_init(file, len, &why) || of_scan_memory(extent, &ext) == 0) {
		printf("# host_dt_boot: %s: %s\n", path, *why ? why : "no /memory");
		free(file);
		return -1;
	}
	host_ram_alloc(ALIGN(ext.highest - ext.lowest, 4 * SZ_1M), ext.lowest);
	fdt = __va(dtb_pa);
	memcpy(fdt, file, fdt_totalsize(file));
	free(file);
	if (of_init(fdt, fdt_totalsize(fdt), &why))
		return -1;
	early_boot_info.phys_text = image_pa;
	early_boot_info.image_size = image_size;
	early_boot_info.dtb_pa = dtb_pa;
	early_boot_info.dtb_size = fdt_totalsize(fdt);
	early_boot_info.dtb_status = EARLY_DTB_MAPPED;

	of_scan_memory(add_memory, NULL);
	of_scan_reserved(reserve_range, NULL);
	memblock_reserve(image_pa, image_size);
	memblock_reserve(dtb_pa, early_boot_info.dtb_size);
	memblock_dump_all();
	free_area_init(PHYS_PFN(memblock_start_of_DRAM()), PHYS_PFN(memblock_end_of_DRAM()));
	mem_init(&sizes);
	return 0;
}

/*
 * kernel/params.c's cmdline_get, on the blob's /chosen/bootargs: the value
 * of the first "key=value" token for key (kernel/params.c is not linked:
 * its __setup table is the kernel linker script's).
 */
bool cmdline_get(const char *key, char *buf, unsigned long size)
{
	const char *s = of_bootargs();
	size_t klen = strlen(key);

	while (s && *s) {
		size_t len = strcspn(s, " \t\n");

		if (len > klen && strncmp(s, key, klen) == 0 && s[klen] == '=') {
			size_t vlen = min(len - klen - 1, (size_t)size - 1);

			memcpy(buf, s + klen + 1, vlen);
			buf[vlen] = 0;
			return true;
		}
		s += len;
		s += strspn(s, " \t\n");
	}
	return false;
}
