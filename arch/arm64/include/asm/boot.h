/* What boot/ hands to start_kernel about how and where we were loaded. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#include <linux/types.h>

enum early_dtb_status {
	EARLY_DTB_MAPPED = 1,		/* magic and size look right; mapped at FDT_VIRT */
	EARLY_DTB_BAD_ADDRESS,		/* x0 was 0 or not 8-byte aligned */
	EARLY_DTB_BAD_MAGIC,		/* no 0xd00dfeed at x0 */
	EARLY_DTB_BAD_SIZE,		/* totalsize < header or > 2 MiB */
};

struct early_boot_info {
	u64 phys_text;			/* physical address of _text */
	u64 kimage_voffset;		/* KIMAGE_VADDR - phys_text */
	u64 dtb_pa;			/* x0 at entry */
	u64 dtb_size;			/* header totalsize, if the magic was there */
	u32 dtb_status;			/* enum early_dtb_status */
	u32 pgtable_pages_used;		/* pages of the .pgtables pool used */
	u32 pgtable_exhausted;		/* the pool ran out: some mapping is missing */
};

extern struct early_boot_info early_boot_info;
extern u32 boot_entry_el;		/* 1 or 2, from head.S */
extern u64 boot_dtb_pa;
extern u64 init_pg_dir[], init_idmap_pg_dir[];
extern char _text[], _etext[], __start_rodata[], __end_rodata[], _data[], _edata[];
extern char __bss_start[], __bss_end[], _end[];
extern char init_stack[], init_stack_top[];

#endif
