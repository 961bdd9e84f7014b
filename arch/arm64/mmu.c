/*
 * The kernel's linear map: all RAM at PAGE_OFFSET + phys, read-write and
 * never executable, with the largest blocks alignment allows -- 1 GiB at L1,
 * 2 MiB at L2, 4 KiB pages at L3 (Linux: arch/arm64/mm/mmu.c,
 * __create_pgd_mapping, alloc_init_pud/pmd/pte).
 *
 * Before the page allocator exists the page-table pages come from a small
 * pool inside the image, which is already mapped (Linux uses the fixmap to
 * reach memblock pages instead). Once the linear map is up, every physical
 * page is reachable at __va(pa).
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>
#include <asm/pgtable-hwdef.h>
#include <string.h>

#define LINEAR_POOL_PAGES 24
static u64 linear_pool[LINEAR_POOL_PAGES][PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static unsigned int linear_pool_used;
static bool linear_map_ready;

static phys_addr_t early_pgtable_alloc(void)
{
	if (linear_pool_used >= LINEAR_POOL_PAGES)
		return 0;
	return __pa_symbol(linear_pool[linear_pool_used++]);
}

u64 *pgtable_va(phys_addr_t pa)
{
	phys_addr_t image = early_boot_info.phys_text;

	if (pa >= image && pa < image + (unsigned long)(_end - _text))
		return (u64 *)(pa + kimage_voffset);
	BUG_ON(!linear_map_ready);
	return __va(pa);
}

/* Level sizes, L0..L3. */
static const int level_shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT };

static int map_level(u64 *table, int level, phys_addr_t phys, unsigned long virt,
		     unsigned long end, u64 prot, pgtable_alloc_fn alloc)
{
	unsigned long block = 1UL << level_shift[level];

	while (virt < end) {
		unsigned long next = min((virt + block) & ~(block - 1), end);
		u64 *entry = &table[(virt >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		bool fits = (virt & (block - 1)) == 0 && (phys & (block - 1)) == 0 && next - virt == block;

		if (level == 3) {
			if (*entry & PTE_VALID)
				return -1;
			*entry = (phys & PTE_ADDR_MASK) | prot | PTE_TYPE_PAGE;
		} else if ((level == 1 || level == 2) && fits && !(*entry & PTE_VALID)) {
			/* A block descriptor: bit 1 clear at L1/L2 (ARM ARM D8.3.1). */
			*entry = (phys & PTE_ADDR_MASK) | prot | PTE_TYPE_BLOCK;
		} else {
			if (!(*entry & PTE_VALID)) {
				phys_addr_t t = alloc();

				if (!t)
					return -1;
				memset(pgtable_va(t), 0, PAGE_SIZE);
				*entry = t | PTE_TYPE_TABLE;
			} else if ((*entry & PTE_TYPE_MASK) != PTE_TYPE_TABLE) {
				return -1;	/* already a block here */
			}
			if (map_level(pgtable_va(*entry & PTE_ADDR_MASK), level + 1, phys, virt, next, prot, alloc))
				return -1;
		}
		phys += next - virt;
		virt = next;
	}
	return 0;
}

int create_pgd_mapping(u64 *pgd, phys_addr_t phys, unsigned long virt, unsigned long size,
		       u64 prot, pgtable_alloc_fn alloc)
{
	int ret = map_level(pgd, 0, phys, virt, virt + size, prot, alloc);

	/* Table writes must reach the walker before any access through them (D8.2.6). */
	dsb(ishst);
	isb();
	return ret;
}

void paging_init_linear_map(void)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		if (create_pgd_mapping(init_pg_dir, r->base, (unsigned long)__va(r->base), r->size,
				       PROT_KERNEL_RW, early_pgtable_alloc))
			panic("linear map: cannot map [0x%lx-0x%lx]: %s", (unsigned long)r->base,
			      (unsigned long)(r->base + r->size - 1),
			      linear_pool_used >= LINEAR_POOL_PAGES ? "early page-table pool exhausted" :
			      "slot already mapped");
	}
	linear_map_ready = true;
	printk("Linear map: RAM at 0x%lx, %u page-table pages from the early pool\n",
	       PAGE_OFFSET, linear_pool_used);
}
