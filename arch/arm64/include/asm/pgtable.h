/*
 * Page-table entries as C values, and the helpers generic mm code uses on
 * them (Linux: arch/arm64/include/asm/pgtable.h, pgtable-prot.h). The
 * descriptor bits are in pgtable-hwdef.h. Entries are plain u64 here
 * (Linux wraps them in structs for type safety).
 *
 * User pages: PTE_USER (AP[1]) lets EL0 in; PTE_RDONLY (AP[2]) makes it
 * read-only; PTE_UXN/PTE_PXN control execution; PTE_NG tags the TLB entry
 * with the ASID. Software bits (55..58, ignored by the MMU):
 *   PTE_SWP_BIT	in a non-present entry: the rest is a swap entry
 *   PTE_DIRTY		software dirty bit (Linux: PTE_DIRTY, bit 55)
 *   PTE_WRITE		the mapping may be written (Linux reuses DBM as PTE_WRITE)
 *   PTE_SPECIAL	maps the shared zero page (not refcounted, not on an LRU)
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/cacheflush.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/sysreg.h>

typedef u64 pgd_t;
typedef u64 pud_t;
typedef u64 pmd_t;
typedef u64 pte_t;
typedef u64 pgprot_t;

#define PTE_DIRTY	(_UL(1) << 55)
#define PTE_SPECIAL	(_UL(1) << 56)
#define PTE_SWP_BIT	(_UL(1) << 57)	/* only meaningful when !PTE_VALID */
#define PTE_PROT_NONE	(_UL(1) << 58)	/* only meaningful when !PTE_VALID: a PROT_NONE page */
#define PTE_WRITE	PTE_DBM		/* writable mapping (hardware DBM, or software via faults) */

/* User protections (Linux's PAGE_READONLY etc.). All are nG and never PXN-executable. */
#define PROT_USER_BASE	(PTE_VALID | PTE_TYPE_PAGE | PTE_USER | PTE_NG | PTE_SHARED | \
			 PTE_ATTRINDX(MT_NORMAL) | PTE_PXN)
/*
 * PROT_NONE: an invalid entry (the MMU faults any access, from EL0 and
 * EL1 alike: a valid kernel-only entry would let EL1 read the page past
 * PAN) that still holds its page, marked by the software bit PTE_PROT_NONE
 * so that pte_present() knows a page is there (Linux: the same bit).
 */
#define PAGE_NONE	(PTE_TABLE_BIT | PTE_PROT_NONE | PTE_NG | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL) | \
			 PTE_PXN | PTE_UXN | PTE_RDONLY)
#define PAGE_READONLY	(PROT_USER_BASE | PTE_RDONLY | PTE_UXN)
#define PAGE_READONLY_EXEC (PROT_USER_BASE | PTE_RDONLY)
/* Writable pages start read-only-clean (PTE_RDONLY with PTE_WRITE): the first
 * write either is done by hardware DBM (FEAT_HAFDBS) or faults and sets dirty. */
#define PAGE_SHARED	(PROT_USER_BASE | PTE_WRITE | PTE_RDONLY | PTE_UXN)
#define PAGE_SHARED_EXEC (PROT_USER_BASE | PTE_WRITE | PTE_RDONLY)
#define PAGE_KERNEL	(PROT_KERNEL_RW | PTE_TYPE_PAGE)
#define PAGE_KERNEL_RO	(PROT_KERNEL_RO | PTE_TYPE_PAGE)
#define PAGE_KERNEL_EXEC (PROT_KERNEL_TEXT | PTE_TYPE_PAGE)
#define PAGE_DEVICE	(PROT_DEVICE | PTE_TYPE_PAGE)

#define PTE_PROT_MASK	(~PTE_ADDR_MASK)

static inline phys_addr_t pte_phys(pte_t pte) { return pte & PTE_ADDR_MASK; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot) { return ((u64)pfn << 12) | prot; }
static inline unsigned long pte_pfn(pte_t pte) { return (pte & PTE_ADDR_MASK) >> 12; }

static inline bool pte_none(pte_t pte) { return pte == 0; }
/* A page is mapped: valid for the MMU, or PROT_NONE (invalid, but the page is still there). */
static inline bool pte_present(pte_t pte) { return (pte & (PTE_VALID | PTE_PROT_NONE)) != 0; }
/* The MMU will use the entry. */
static inline bool pte_valid(pte_t pte) { return (pte & PTE_VALID) != 0; }
static inline bool pte_young(pte_t pte) { return (pte & PTE_AF) != 0; }
static inline bool pte_special(pte_t pte) { return (pte & PTE_SPECIAL) != 0; }
static inline bool pte_write(pte_t pte) { return (pte & PTE_WRITE) != 0; }
static inline bool pte_user(pte_t pte) { return (pte & PTE_USER) != 0; }
static inline bool pte_user_exec(pte_t pte) { return !(pte & PTE_UXN); }
/* Dirty: software bit, or hardware-dirty (DBM set and AP[2] cleared by the MMU). */
static inline bool pte_hw_dirty(pte_t pte) { return (pte & PTE_WRITE) && !(pte & PTE_RDONLY); }
static inline bool pte_dirty(pte_t pte) { return (pte & PTE_DIRTY) || pte_hw_dirty(pte); }

static inline pte_t pte_mkold(pte_t pte) { return pte & ~PTE_AF; }
static inline pte_t pte_mkyoung(pte_t pte) { return pte | PTE_AF; }
static inline pte_t pte_mkdirty(pte_t pte) { return (pte | PTE_DIRTY) & ~(pte_write(pte) ? PTE_RDONLY : 0); }
static inline pte_t pte_mkclean(pte_t pte) { return (pte & ~PTE_DIRTY) | PTE_RDONLY; }
static inline pte_t pte_wrprotect(pte_t pte) { return (pte & ~PTE_WRITE) | PTE_RDONLY; }
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	pte_t kept;

	/* Hardware-dirty lives in AP[2], which prot overrides: keep it as PTE_DIRTY. */
	if (pte_hw_dirty(pte))
		pte |= PTE_DIRTY;
	/* Keep the address, young and dirty state; take the rest from prot. */
	kept = pte & (PTE_ADDR_MASK | PTE_AF | PTE_DIRTY | PTE_SPECIAL);

	pte = kept | (prot & ~PTE_AF);
	if ((kept & PTE_DIRTY) && pte_write(pte))
		pte &= ~PTE_RDONLY;
	return pte;
}

/*
 * Swap entries live in non-present PTEs (PTE_VALID clear, so the MMU never
 * looks at the rest). Layout, like Linux's arm64 __SWP_TYPE/OFFSET:
 *   bit 57 PTE_SWP_BIT, bits [7:2] type, bits [56:8] offset.
 */
#define __SWP_TYPE_SHIFT	2
#define __SWP_TYPE_MASK		0x3fUL
#define __SWP_OFFSET_SHIFT	8
#define __SWP_OFFSET_MASK	((1UL << 49) - 1)

typedef struct { unsigned long val; } swp_entry_t;

static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	swp_entry_t e = { ((unsigned long)type << 58) | offset };
	return e;
}
static inline unsigned int swp_type(swp_entry_t e) { return (unsigned int)(e.val >> 58); }
static inline unsigned long swp_offset(swp_entry_t e) { return e.val & ((1UL << 58) - 1); }
static inline bool is_swap_pte(pte_t pte) { return !pte_present(pte) && (pte & PTE_SWP_BIT); }
/* Still the entry we read before something that may have changed it (Linux: pte_same)? */
static inline bool pte_same(pte_t a, pte_t b) { return a == b; }
static inline pte_t swp_entry_to_pte(swp_entry_t e)
{
	return PTE_SWP_BIT | ((u64)(swp_type(e) & __SWP_TYPE_MASK) << __SWP_TYPE_SHIFT) |
	       ((u64)(swp_offset(e) & __SWP_OFFSET_MASK) << __SWP_OFFSET_SHIFT);
}
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return swp_entry((unsigned int)((pte >> __SWP_TYPE_SHIFT) & __SWP_TYPE_MASK),
			 (pte >> __SWP_OFFSET_SHIFT) & __SWP_OFFSET_MASK);
}

/* Index of addr in the table at each level (ARM L0..L3 = Linux pgd/pud/pmd/pte). */
#define pgd_index(addr)		(((addr) >> PGDIR_SHIFT) & (PTRS_PER_TABLE - 1))
#define pud_index(addr)		(((addr) >> PUD_SHIFT) & (PTRS_PER_TABLE - 1))
#define pmd_index(addr)		(((addr) >> PMD_SHIFT) & (PTRS_PER_TABLE - 1))
#define pte_index(addr)		(((addr) >> PTE_SHIFT) & (PTRS_PER_TABLE - 1))

static inline bool pxd_table(u64 desc) { return (desc & PTE_TYPE_MASK) == PTE_TYPE_TABLE; }
static inline bool pxd_block(u64 desc) { return (desc & PTE_TYPE_MASK) == PTE_TYPE_BLOCK; }

/*
 * Accessing live entries. The MMU may update AF and AP[2] itself (FEAT_HAFDBS:
 * TCR_EL1.HA/HD), so a read-modify-write of a live PTE must be atomic or it
 * can lose a hardware update (Linux: ptep_get_and_clear, ptep_test_and_clear_young).
 */
static inline pte_t ptep_get(pte_t *ptep) { return READ_ONCE(*ptep); }

/*
 * Write an entry. For a valid one, dsb(ishst) makes the write visible to
 * the table walker before anything that follows, and isb drops any
 * translation fetched early (Linux: __set_pte). Invalid -> valid needs no
 * TLB maintenance; any other change of a live entry does (asm/tlbflush.h).
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	WRITE_ONCE(*ptep, pte);
	if (pte_present(pte)) {
		dsb(ishst);
		isb();
	}
}

/*
 * Install a user PTE (Linux: set_pte_at). An executable entry for a normal
 * page first makes sure instruction fetch sees the page's contents
 * (__sync_icache_dcache, arch/arm64/mm/flush.c); mm and addr are Linux's
 * arguments, unused here.
 */
struct mm_struct;
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	(void)mm;
	(void)addr;
	if (pte_present(pte) && pte_user_exec(pte) && !pte_special(pte))
		__sync_icache_dcache(pte);
	set_pte(ptep, pte);
}

/* Clear the entry and return what it held, hardware updates included. No TLB flush. */
static inline pte_t ptep_get_and_clear(pte_t *ptep)
{
	return __atomic_exchange_n(ptep, (pte_t)0, __ATOMIC_RELAXED);
}

/* Clear AF (for reclaim's aging) and return whether it was set. No TLB flush. */
static inline bool ptep_test_and_clear_young(pte_t *ptep)
{
	pte_t old = READ_ONCE(*ptep);

	while (pte_young(old) &&
	       !__atomic_compare_exchange_n(ptep, &old, pte_mkold(old), false,
					    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
	return pte_young(old);
}

/* The kernel's TTBR1 tree: init_pg_dir until paging_init(), then one built from buddy pages. */
extern pgd_t *swapper_pg_dir;
/* FEAT_HAFDBS in use: the MMU sets AF (and, with DBM, clears AP[2] on the first write). */
bool cpu_has_hw_af(void);
bool cpu_has_hw_dbm(void);

/* User addresses: TTBR0 covers [0, 2^48). */
#define TASK_SIZE	(_UL(1) << VA_BITS)

#endif
