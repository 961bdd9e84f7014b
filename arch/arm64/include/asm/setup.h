/* Architecture setup start_kernel calls (Linux: setup_arch, arch/arm64/kernel/setup.c). */
#ifndef _ASM_SETUP_H
#define _ASM_SETUP_H

/*
 * Memory at boot (arch/arm64/mm/init.c): memblock from the device tree, the
 * linear map, the buddy and slab allocators, the kernel's page tables again
 * from buddy pages, the LRU policy and the swap area (Linux's
 * arm64_memblock_init, paging_init, bootmem_init and mm_core_init cover
 * the same ground).
 */
void setup_arch_memory(void);

#endif
