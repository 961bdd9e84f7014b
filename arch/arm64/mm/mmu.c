/*
 * The kernel's linear map: all RAM at PAGE_OFFSET + phys, read-write (but
 * for the image's text and rodata) and never executable, with the largest blocks alignment allows -- 1 GiB at L1,
 * 2 MiB at L2, 4 KiB pages at L3 (Linux: arch/arm64/mm/mmu.c,
 * __create_pgd_mapping, alloc_init_pud/pmd/pte).
 *
 * Before the page allocator exists the page-table pages come from a small
 * pool inside the image, which is already mapped (Linux uses the fixmap to
 * reach memblock pages instead). Once the linear map is up, every physical
 * page is reachable at __va(pa).
 *
 * paging_init() (below) then builds the kernel's tables a second time, from
 * buddy pages, and switches TTBR1 to them (docs/paging.md). In both, the
 * linear alias of the image's text and rodata is read-only (linear_pieces).
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <asm/mmu.h>
#include <asm/barrier.h>
#include <asm/sysreg.h>
#include <asm/pgtable-hwdef.h>
#include <asm/cpufeature.h>
#include <asm/irqflags.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>
#include <asm/uaccess-pan.h>
#include <linux/pgtable.h>
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
		     unsigned long end, u64 prot, bool block_ok, pgtable_alloc_fn alloc)
{
	unsigned long block = 1UL << level_shift[level];

	while (virt < end) {
		unsigned long next = min((virt + block) & ~(block - 1), end);
		u64 *entry = &table[(virt >> level_shift[level]) & (PTRS_PER_TABLE - 1)];
		bool fits = block_ok && (virt & (block - 1)) == 0 && (phys & (block - 1)) == 0 &&
			    next - virt == block;

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
			if (map_level(pgtable_va(*entry & PTE_ADDR_MASK), level + 1, phys, virt, next, prot,
				      block_ok, alloc))
				return -1;
		}
		phys += next - virt;
		virt = next;
	}
	return 0;
}

int create_pgd_mapping(u64 *pgd, phys_addr_t phys, unsigned long virt, unsigned long size,
		       u64 prot, bool block_ok, pgtable_alloc_fn alloc)
{
	int ret = map_level(pgd, 0, phys, virt, virt + size, prot, block_ok, alloc);

	/* Table writes must reach the walker before any access through them (D8.2.6). */
	dsb(ishst);
	isb();
	return ret;
}

/*
 * The linear map of [base, base + size) in at most three pieces: read-write
 * in blocks, except where it is the alias of the image's text and rodata,
 * which is read-only and in pages. Else a stray write through __va() could
 * change kernel code that the W^X mapping at KIMAGE_VADDR protects (Linux:
 * map_mem maps the alias apart; rodata=full, its default, keeps it
 * read-only). The boot linear map and paging_init's build the same pieces,
 * so the TTBR1 switch still swaps identical trees.
 */
struct linear_piece {
	phys_addr_t base, size;
	u64 prot;
	bool block_ok;
};

static int linear_pieces(phys_addr_t base, phys_addr_t size, struct linear_piece p[3])
{
	phys_addr_t end = base + size, lo = max(base, (phys_addr_t)__pa_symbol(_text));
	phys_addr_t hi = min(end, (phys_addr_t)__pa_symbol(__end_rodata));
	int n = 0;

	if (lo >= hi) {
		p[n++] = (struct linear_piece){ base, size, PROT_KERNEL_RW, true };
		return n;
	}
	if (base < lo)
		p[n++] = (struct linear_piece){ base, lo - base, PROT_KERNEL_RW, true };
	p[n++] = (struct linear_piece){ lo, hi - lo, PROT_KERNEL_RO, false };
	if (hi < end)
		p[n++] = (struct linear_piece){ hi, end - hi, PROT_KERNEL_RW, true };
	return n;
}

void paging_init_linear_map(void)
{
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		struct linear_piece p[3];
		int n;

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		n = linear_pieces(r->base, r->size, p);
		for (int j = 0; j < n; j++)
			if (create_pgd_mapping(init_pg_dir, p[j].base, (unsigned long)__va(p[j].base), p[j].size,
					       p[j].prot, p[j].block_ok, early_pgtable_alloc))
				panic("linear map: cannot map [0x%lx-0x%lx]: %s", (unsigned long)p[j].base,
				      (unsigned long)(p[j].base + p[j].size - 1),
				      linear_pool_used >= LINEAR_POOL_PAGES ? "early page-table pool exhausted" :
				      "slot already mapped");
	}
	linear_map_ready = true;
	printk("Linear map: RAM at 0x%lx, %u page-table pages from the early pool\n",
	       PAGE_OFFSET, linear_pool_used);
}

/* ==== paging_init: the kernel's tables again, from the buddy allocator ==== */

/* TTBR1's tree: the boot tables (in the image) until paging_init() replaces them. */
pgd_t *swapper_pg_dir = init_pg_dir;
unsigned long kernel_nr_pgtables;
/* TTBR0 while no user mm runs: all zero, so every lower-half walk faults at L0. */
const pgd_t reserved_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE);

bool arm64_pan_enabled;
static bool hw_af, hw_dbm;

bool cpu_has_hw_af(void)
{
	return hw_af;
}

bool cpu_has_hw_dbm(void)
{
	return hw_dbm;
}

bool cpu_has_pan(void)
{
	return cpuid_field(read_id_aa64mmfr1(), ID_AA64MMFR1_PAN_SHIFT) != 0;
}

static void map_or_panic(pgd_t *pgd, unsigned long va, phys_addr_t pa, unsigned long size,
			 pgprot_t prot, bool block_ok, const char *what)
{
	int ret = map_pages(pgd, va, pa, size, prot, block_ok, &kernel_nr_pgtables);

	if (ret)
		panic("paging_init: cannot map %s [0x%lx-0x%lx]: %d", what, va, va + size - 1, ret);
}

/* Leaves (pages/blocks) by level under one table, for the boot message. */
static void count_leaves(u64 *table, int level, unsigned long counts[4])
{
	for (int i = 0; i < PTRS_PER_TABLE; i++) {
		u64 desc = table[i];

		if (!(desc & PTE_VALID))
			continue;
		if (level < 3 && pxd_table(desc))
			count_leaves(__va(desc & PTE_ADDR_MASK), level + 1, counts);
		else
			counts[level]++;
	}
}

/*
 * The same layout boot/early_map.c and paging_init_linear_map() built, now
 * in buddy pages: every VA maps the same PA with the same attributes and the
 * same block size as in the boot tables (this is what makes the switch below
 * safe), and further kernel mappings (ioremap) get tables from the buddy
 * allocator instead of a fixed pool in the image.
 */
static void build_kernel_tables(pgd_t *pgd)
{
	/* The linear map: 1 GiB / 2 MiB blocks where VA, PA and size allow, 4 KiB pages elsewhere. */
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		struct linear_piece p[3];
		int n;

		if (r->flags & MEMBLOCK_NOMAP)
			continue;
		n = linear_pieces(r->base, r->size, p);
		for (int j = 0; j < n; j++)
			map_or_panic(pgd, (unsigned long)__va(p[j].base), p[j].base, p[j].size, p[j].prot,
				     p[j].block_ok, "linear map");
	}
	/* The image with W^X, section by section, 4 KiB pages (as at boot). */
	map_or_panic(pgd, (unsigned long)_text, __pa_symbol(_text), (unsigned long)(_etext - _text),
		     PROT_KERNEL_TEXT, false, "kernel text");
	map_or_panic(pgd, (unsigned long)__start_rodata, __pa_symbol(__start_rodata),
		     (unsigned long)(__end_rodata - __start_rodata), PROT_KERNEL_RO, false, "rodata");
	map_or_panic(pgd, (unsigned long)_data, __pa_symbol(_data), (unsigned long)(_end - _data),
		     PROT_KERNEL_RW, false, "data/bss");
	/* The device tree blob, read-only, where start_kernel found it. */
	if (early_boot_info.dtb_status == EARLY_DTB_MAPPED) {
		phys_addr_t base = early_boot_info.dtb_pa & PAGE_MASK;
		unsigned long len = ALIGN(early_boot_info.dtb_pa + early_boot_info.dtb_size, PAGE_SIZE) - base;

		map_or_panic(pgd, FDT_VIRT, base, len, PROT_KERNEL_RO, false, "DTB");
	}
	/* Device mappings made so far (UART, GIC) move over; new ones go straight there. */
	ioremap_move_tables(pgd, &kernel_nr_pgtables);
}

static u64 tcr_value(u64 mmfr0, u64 mmfr1)
{
	u64 tcr = TCR_KERNEL_FLAGS;		/* 48-bit VA both halves, 4K, inner-shareable WB walks */
	u64 parange = min(mmfr0 & ID_AA64MMFR0_PARANGE_MASK, (u64)5);	/* our tables: <= 48 bits */
	unsigned int hafdbs = cpuid_field(mmfr1, ID_AA64MMFR1_HAFDBS_SHIFT);

	tcr |= parange << TCR_IPS_SHIFT;
	if (cpuid_field(mmfr0, ID_AA64MMFR0_ASIDBITS_SHIFT) == ID_AA64MMFR0_ASIDBITS_16)
		tcr |= TCR_AS;			/* 16-bit ASIDs in TTBR0[63:48] */
	/* TCR_EL1.A1 = 0: the ASID comes from TTBR0. EPD0 = 0: TTBR0 walks are on. */
	if (hafdbs >= ID_AA64MMFR1_HAFDBS_AF) {
		tcr |= TCR_HA;			/* the MMU sets AF instead of faulting */
		hw_af = true;
	}
	if (hafdbs >= ID_AA64MMFR1_HAFDBS_DBM) {
		tcr |= TCR_HD;			/* ... and clears AP[2] on a write to a DBM page */
		hw_dbm = true;
	}
	return tcr;
}

/* PAN on (see asm/uaccess-pan.h), when the CPU has it. */
static void enable_pan(void)
{
	if (!cpu_has_pan())
		return;
	/* SCTLR_EL1.SPAN (bit 23, RES1 before ARMv8.1) = 0: every exception into EL1 sets PAN. */
	write_sysreg(read_sysreg(sctlr_el1) & ~SCTLR_EL1_SPAN, sctlr_el1);
	isb();
	__asm__ __volatile__(SET_PSTATE_PAN_1 ::: "memory");
	arm64_pan_enabled = true;
}

void paging_init(void)
{
	u64 mmfr0 = read_id_aa64mmfr0(), mmfr1 = read_id_aa64mmfr1();
	unsigned long counts[4] = { 0 }, flags;
	pgd_t *pgd = pgd_alloc();

	if (!pgd)
		panic("paging_init: no page for the kernel's L0 table");
	kernel_nr_pgtables = 1;
	build_kernel_tables(pgd);

	flags = arch_local_irq_save();
	write_sysreg(MAIR_EL1_VALUE, mair_el1);	/* the same as boot: no attribute changes */
	/*
	 * TTBR0 walks on, but through the empty reserved table (ASID 0) while no
	 * user mm runs: Linux's way. Toggling TCR_EL1.EPD0 on every switch to a
	 * kernel thread would need a TLB flush each time (TCR fields may be cached
	 * in the TLB); a table with nothing in it needs nothing.
	 */
	cpu_set_reserved_ttbr0();
	write_sysreg(tcr_value(mmfr0, mmfr1), tcr_el1);
	isb();
	/*
	 * Switch TTBR1. Normally a live tree is replaced by break-before-make: go
	 * through an empty tree and invalidate in between (Linux runs
	 * idmap_cpu_replace_ttbr1 from the identity map for that). Here the new
	 * tree maps every VA to the same PA with the same attributes and the same
	 * block size as the old one, so whichever tree (or TLB entry from either)
	 * the MMU uses in between, it gets the same translation: no conflicting
	 * TLB entries can arise and nothing can see a gap. Both trees stay intact;
	 * the old one (in the image) is simply never used again.
	 *   dsb ishst          our table writes are visible to the walker
	 *   msr ttbr1_el1      new walks start at the new tree
	 *   isb                ... from the next instruction on
	 *   tlbi vmalle1is     drop entries and walk-cache copies of the old tree,
	 *   dsb ish; isb       and of the old TCR
	 */
	dsb(ishst);
	write_sysreg(__pa(pgd), ttbr1_el1);
	isb();
	flush_tlb_all();
	swapper_pg_dir = pgd;
	arch_local_irq_restore(flags);

	enable_pan();
	count_leaves(pgd, 0, counts);
	printk("Paging: kernel page tables rebuilt from the buddy allocator, %lu table pages; "
	       "TTBR1 = 0x%lx\n", kernel_nr_pgtables, (unsigned long)__pa(pgd));
	printk("  mappings: %lu x 1G, %lu x 2M, %lu x 4K; PAN %s; hardware AF %s, dirty (DBM) %s\n",
	       counts[1], counts[2], counts[3], arm64_pan_enabled ? "on" : "not available",
	       hw_af ? "on" : "no", hw_dbm ? "on" : "no");
}
