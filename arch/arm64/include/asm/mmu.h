/* Building kernel mappings (arch/arm64/mmu.c). */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <linux/types.h>

/* Returns the physical address of a zeroed page for a page table, or 0. */
typedef phys_addr_t (*pgtable_alloc_fn)(void);

/*
 * Map [virt, virt + size) to phys in the tables rooted at pgd (a kernel
 * virtual address), using 1 GiB and 2 MiB blocks where virt, phys and the
 * remaining size are aligned, 4 KiB pages elsewhere. Only fills invalid
 * entries; does not flush the TLB (none is needed for invalid -> valid).
 * Returns 0, or -1 if a table could not be allocated or a slot is already in use.
 */
int create_pgd_mapping(u64 *pgd, phys_addr_t phys, unsigned long virt, unsigned long size,
		       u64 prot, pgtable_alloc_fn alloc);

/* Map all RAM that memblock knows (less no-map ranges) at PAGE_OFFSET, read-write, never executable. */
void paging_init_linear_map(void);
/* Kernel virtual address of a page table given its physical address (linear map or image). */
u64 *pgtable_va(phys_addr_t pa);

#endif
