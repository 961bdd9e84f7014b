/*
 * Early page tables, built with the MMU off (called from boot/head.S).
 *
 * This file runs at the physical address the loader chose, before the MMU
 * is on, so it is compiled position-independent (-fpie, hidden symbols: every
 * global is reached PC-relative), with -mstrict-align (with the MMU off all
 * data accesses are Device memory, where unaligned accesses fault) and
 * without the stack protector. It calls nothing outside this file.
 *
 * It maps, from a pool of zeroed pages in the image (.pgtables):
 *   TTBR1: the kernel image at KIMAGE_VADDR with W^X, section by section;
 *          the DTB, read-only, at FDT_VIRT (if x0 pointed at one);
 *   TTBR0: an identity map of .idmap.text, the code that turns the MMU on.
 * The linear map of RAM comes later, once the DTB has told us where RAM is
 * (Linux: __create_page_tables in head.S, now map_kernel() in pi/map_kernel.c).
 */
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/pgtable-hwdef.h>
#include <asm/boot.h>

/* Reach every symbol PC-relative, never through a GOT holding link-time addresses. */
#pragma GCC visibility push(hidden)

#define EARLY_PGTABLE_PAGES	32

u64 init_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE) __section(".pgtables");
u64 init_idmap_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE) __section(".pgtables");
static u64 early_pool[EARLY_PGTABLE_PAGES][PTRS_PER_TABLE] __aligned(PAGE_SIZE) __section(".pgtables");

/* Written here with the MMU off, read by start_kernel. */
struct early_boot_info early_boot_info;

extern char _text[], _etext[], __start_rodata[], __end_rodata[], _data[], _end[];
extern char __idmap_text_start[], __idmap_text_end[];

static u64 *early_alloc_table(void)
{
	if (early_boot_info.pgtable_pages_used >= EARLY_PGTABLE_PAGES) {
		early_boot_info.pgtable_exhausted = 1;
		return 0;
	}
	/* The pool is in BSS, already zeroed by head.S. */
	return early_pool[early_boot_info.pgtable_pages_used++];
}

/* Index of va in the table at level (0 = pgd .. 3 = pte). */
static unsigned int table_index(u64 va, int level)
{
	return (va >> (PGDIR_SHIFT - 9 * level)) & (PTRS_PER_TABLE - 1);
}

/*
 * Map [va, va + size) to pa with 4 KiB pages. Tables are physical
 * addresses, which is also how we reach them while the MMU is off.
 */
static void early_map(u64 *pgd, u64 va, u64 pa, u64 size, u64 prot)
{
	u64 end = va + size;

	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE) {
		u64 *table = pgd;

		for (int level = 0; level < 3; level++) {
			u64 *entry = &table[table_index(va, level)];

			if (!(*entry & PTE_VALID)) {
				u64 *next = early_alloc_table();

				if (!next)
					return;
				*entry = (u64)next | PTE_TYPE_TABLE;
			}
			table = (u64 *)(*entry & PTE_ADDR_MASK);
		}
		table[table_index(va, 3)] = (pa & PTE_ADDR_MASK) | prot | PTE_TYPE_PAGE;
	}
}

static u32 be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

void early_map_kernel(u64 phys_text, u64 dtb_pa)
{
	u64 text = (u64)_text;		/* PC-relative: this is the physical address */
	u64 voffset = KIMAGE_VADDR - text;

	early_boot_info.phys_text = phys_text;
	early_boot_info.image_size = (u64)_end - text;
	early_boot_info.kimage_voffset = KIMAGE_VADDR - phys_text;

	/* The image, W^X: text R-X, rodata R--, data/bss/page tables RW-. */
	early_map(init_pg_dir, text + voffset, text, (u64)_etext - text, PROT_KERNEL_TEXT);
	early_map(init_pg_dir, (u64)__start_rodata + voffset, (u64)__start_rodata,
		  (u64)__end_rodata - (u64)__start_rodata, PROT_KERNEL_RO);
	early_map(init_pg_dir, (u64)_data + voffset, (u64)_data,
		  (u64)_end - (u64)_data, PROT_KERNEL_RW);

	/* Only the code that turns the MMU on needs to run at its physical address. */
	early_map(init_idmap_pg_dir, (u64)__idmap_text_start, (u64)__idmap_text_start,
		  (u64)__idmap_text_end - (u64)__idmap_text_start, PROT_KERNEL_TEXT);

	/*
	 * The DTB, if x0 points at something with the FDT magic and a sane size.
	 * A full check (libfdt's fdt_check_header) happens in start_kernel; here
	 * we only decide whether it is safe to map. The boot protocol requires
	 * 8-byte alignment, so these 32-bit reads are aligned.
	 */
	early_boot_info.dtb_pa = dtb_pa;
	if (dtb_pa == 0 || (dtb_pa & 7)) {
		early_boot_info.dtb_status = EARLY_DTB_BAD_ADDRESS;
	} else if (be32((void *)dtb_pa) != 0xd00dfeed) {
		early_boot_info.dtb_status = EARLY_DTB_BAD_MAGIC;
	} else {
		u64 size = be32((u8 *)dtb_pa + 4);
		u64 base = dtb_pa & PAGE_MASK;

		early_boot_info.dtb_size = size;
		if (size < 40 || size > FDT_MAX_SIZE) {
			early_boot_info.dtb_status = EARLY_DTB_BAD_SIZE;
		} else {
			u64 len = ((dtb_pa + size + PAGE_SIZE - 1) & PAGE_MASK) - base;

			early_map(init_pg_dir, FDT_VIRT, base, len, PROT_KERNEL_RO);
			early_boot_info.dtb_status = EARLY_DTB_MAPPED;
		}
	}
}
