/*
 * ioremap: device registers found in the device tree are mapped into a
 * 2 MiB window of the TTBR1 half (FIXMAP_START), one 4 KiB page at a time,
 * Device-nGnRE, never executable.
 *
 * Early on, the window's tables are two pages that live in the image,
 * linked into the boot tables (Linux uses the same trick, a "fixmap",
 * before its page allocator exists). When paging_init() builds the kernel's
 * tables from buddy pages, ioremap_move_tables() copies every mapping made
 * so far into the new tree, whose PTE table for the window comes from the
 * page-table API; from then on ioremap writes there. The same VA keeps the
 * same PA and attributes, so pointers handed out before stay valid.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <asm/boot.h>
#include <asm/io.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/pgtable-hwdef.h>
#include <asm/mmu.h>
#include <linux/pgtable.h>

static u64 fixmap_pmd[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static u64 fixmap_pte[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static u64 *fixmap_ptes = fixmap_pte;	/* the live PTE table of the window */
static bool fixmap_installed;
static unsigned int fixmap_next;	/* next free page slot in the window */
static DEFINE_SPINLOCK(fixmap_lock);

unsigned long kimage_voffset;

/* Tables in the image: physical -> virtual through the image mapping. */
static u64 *image_table_va(u64 desc)
{
	return (u64 *)((desc & PTE_ADDR_MASK) + kimage_voffset);
}

static void fixmap_install(void)
{
	u64 *pud = image_table_va(init_pg_dir[(FIXMAP_START >> PGDIR_SHIFT) & 511]);
	u64 *pmd_entry = &pud[(FIXMAP_START >> PUD_SHIFT) & 511];

	*pmd_entry = __pa_symbol(fixmap_pmd) | PTE_TYPE_TABLE;
	fixmap_pmd[(FIXMAP_START >> PMD_SHIFT) & 511] = __pa_symbol(fixmap_pte) | PTE_TYPE_TABLE;
	fixmap_installed = true;
	/*
	 * Invalid -> valid needs no TLB invalidation, only that the table writes
	 * are visible to the walker before the first access (ARM ARM D8.2.6).
	 */
	dsb(ishst);
	isb();
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t base = phys & PAGE_MASK;
	unsigned int pages = (unsigned int)((ALIGN(phys + size, PAGE_SIZE) - base) >> PAGE_SHIFT);
	unsigned long flags, va;

	spin_lock_irqsave(&fixmap_lock, flags);
	if (!fixmap_installed) {
		/* The kernel image's L1 table must exist: early_map made it for KIMAGE_VADDR. */
		BUG_ON(!(init_pg_dir[(FIXMAP_START >> PGDIR_SHIFT) & 511] & PTE_VALID));
		fixmap_install();
	}
	/* The same device page mapped twice gets one slot. */
	for (unsigned int i = 0; i + pages <= fixmap_next; i++) {
		if ((fixmap_ptes[i] & PTE_ADDR_MASK) == base) {
			bool all = true;

			for (unsigned int j = 1; j < pages; j++)
				all &= (fixmap_ptes[i + j] & PTE_ADDR_MASK) == base + j * PAGE_SIZE;
			if (all) {
				spin_unlock_irqrestore(&fixmap_lock, flags);
				return (void __iomem *)(FIXMAP_START + i * PAGE_SIZE + (phys - base));
			}
		}
	}
	if (fixmap_next + pages > PTRS_PER_TABLE) {
		spin_unlock_irqrestore(&fixmap_lock, flags);
		printk("ioremap: window full, cannot map %lx (+%zx)\n", (unsigned long)phys, size);
		return NULL;
	}
	va = FIXMAP_START + fixmap_next * PAGE_SIZE;
	for (unsigned int i = 0; i < pages; i++)
		fixmap_ptes[fixmap_next + i] = (base + i * PAGE_SIZE) | PROT_DEVICE | PTE_TYPE_PAGE;
	fixmap_next += pages;
	dsb(ishst);
	isb();
	spin_unlock_irqrestore(&fixmap_lock, flags);
	return (void __iomem *)(va + (phys - base));
}

/*
 * paging_init(): give the window a PTE table in the new kernel tree (from
 * the buddy allocator, counted in *nr_tables) holding the same entries,
 * before TTBR1 switches to that tree. Later ioremaps write only there.
 */
void ioremap_move_tables(pgd_t *pgd, unsigned long *nr_tables)
{
	unsigned long flags;
	pte_t *ptep;

	spin_lock_irqsave(&fixmap_lock, flags);
	/* FIXMAP_START is 2 MiB aligned: the window is exactly one PTE table. */
	ptep = pte_alloc(pgd, FIXMAP_START, GFP_KERNEL, nr_tables);
	BUG_ON(!ptep || pte_index(FIXMAP_START) != 0);
	for (unsigned int i = 0; i < PTRS_PER_TABLE; i++)
		ptep[i] = fixmap_ptes[i];
	dsb(ishst);
	fixmap_ptes = ptep;
	fixmap_installed = true;
	spin_unlock_irqrestore(&fixmap_lock, flags);
}
