/*
 * What boot/early_map.c records for start_kernel about how and where the
 * kernel was loaded (early_boot_info). Separate from asm/boot.h, which
 * includes it, so that host builds of the self-tests that read it
 * (mm/memblock_test.c, drivers/of_test.c) can include it: on the host
 * <asm/boot.h> is the system's x86 header.
 */
#ifndef _ASM_BOOT_INFO_H
#define _ASM_BOOT_INFO_H

#include <linux/types.h>

enum early_dtb_status {
	EARLY_DTB_MAPPED = 1,		/* magic and size look right; mapped at FDT_VIRT */
	EARLY_DTB_BAD_ADDRESS,		/* x0 was 0 or not 8-byte aligned */
	EARLY_DTB_BAD_MAGIC,		/* no 0xd00dfeed at x0 */
	EARLY_DTB_BAD_SIZE,		/* totalsize < header or > 2 MiB */
};

struct early_boot_info {
	u64 phys_text;			/* physical address of _text */
	u64 image_size;			/* _end - _text: the image, bss and early page tables */
	u64 kimage_voffset;		/* KIMAGE_VADDR - phys_text */
	u64 dtb_pa;			/* x0 at entry */
	u64 dtb_size;			/* header totalsize, if the magic was there */
	u32 dtb_status;			/* enum early_dtb_status */
	u32 pgtable_pages_used;		/* pages of the .pgtables pool used */
	u32 pgtable_exhausted;		/* the pool ran out: some mapping is missing */
};

extern struct early_boot_info early_boot_info;

#endif
