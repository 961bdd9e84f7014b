/* Building kernel mappings (arch/arm64/mm/mmu.c). */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <linux/types.h>

/* Returns the physical address of a zeroed page for a page table, or 0. */
typedef phys_addr_t (*pgtable_alloc_fn)(void);

/*
 * Map [virt, virt + size) to phys in the tables rooted at pgd (a kernel
 * virtual address), using 1 GiB and 2 MiB blocks where block_ok and virt,
 * phys and the remaining size are aligned, 4 KiB pages elsewhere. Only fills invalid
 * entries; does not flush the TLB (none is needed for invalid -> valid).
 * Returns 0, or -1 if a table could not be allocated or a slot is already in use.
 */
int create_pgd_mapping(u64 *pgd, phys_addr_t phys, unsigned long virt, unsigned long size,
		       u64 prot, bool block_ok, pgtable_alloc_fn alloc);

/*
 * Map all RAM that memblock knows (less no-map ranges) at PAGE_OFFSET, never
 * executable; read-write but for the alias of the image's text and rodata.
 */
void paging_init_linear_map(void);
/* Kernel virtual address of a page table given its physical address (linear map or image). */
u64 *pgtable_va(phys_addr_t pa);

/*
 * Once the buddy allocator and SLUB are up (arch/arm64/mm/init.c, after
 * kmem_cache_init): build the kernel's TTBR1 tree again from buddy pages
 * (swapper_pg_dir), set MAIR/TCR (hardware AF/dirty when present, TTBR0
 * walks on, TTBR0 = the empty reserved_pg_dir), switch TTBR1 to it, and
 * enable PAN when the CPU has it.
 */
void paging_init(void);
/* Page-table pages of the kernel tree built by paging_init (ioremap adds to them). */
extern unsigned long kernel_nr_pgtables;
/* Move the ioremap window's mappings into the new tree (arch/arm64/mm/ioremap.c). */
void ioremap_move_tables(u64 *pgd, unsigned long *nr_tables);

#endif
