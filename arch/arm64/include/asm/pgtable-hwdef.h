/*
 * VMSAv8-64 translation table descriptors for the 4 KiB granule, 48-bit VA,
 * four levels (ARM ARM D8.3). ARM numbers the levels L0..L3; Linux calls
 * them pgd (L0), pud (L1), pmd (L2), pte (L3). Each level resolves 9 bits.
 *
 *   63  59 58-55 54  53  52  51  ...47          12 11 10  9 8  7 6  5  4 3 2  1 0
 *  [tbl attrs][SW][UXN PXN Cont DBM][ output address ][nG AF][SH][AP][NS][Attr][T V]
 */
#ifndef _ASM_PGTABLE_HWDEF_H
#define _ASM_PGTABLE_HWDEF_H

#include <linux/const.h>

#define PTRS_PER_TABLE		512
#define PGDIR_SHIFT		39	/* L0: 512 GiB per entry */
#define PUD_SHIFT		30	/* L1: 1 GiB */
#define PMD_SHIFT		21	/* L2: 2 MiB */
#define PTE_SHIFT		12	/* L3: 4 KiB */
#define PUD_SIZE		(_UL(1) << PUD_SHIFT)
#define PMD_SIZE		(_UL(1) << PMD_SHIFT)

#define PTE_VALID		(_UL(1) << 0)
#define PTE_TABLE_BIT		(_UL(1) << 1)	/* L0-L2: 1 = table, 0 = block; L3: must be 1 */
#define PTE_TYPE_MASK		_UL(3)
#define PTE_TYPE_TABLE		_UL(3)
#define PTE_TYPE_BLOCK		_UL(1)
#define PTE_TYPE_PAGE		_UL(3)
#define PTE_ATTRINDX(i)		((unsigned long)(i) << 2)
#define PTE_ATTRINDX_MASK	(_UL(7) << 2)
#define PTE_NS			(_UL(1) << 5)
#define PTE_USER		(_UL(1) << 6)	/* AP[1]: EL0 may access */
#define PTE_RDONLY		(_UL(1) << 7)	/* AP[2]: read-only */
#define PTE_SHARED		(_UL(3) << 8)	/* SH[1:0] = inner shareable */
#define PTE_AF			(_UL(1) << 10)	/* Access flag: 0 faults on first access (or HW sets it) */
#define PTE_NG			(_UL(1) << 11)	/* not global: tagged with the ASID */
#define PTE_DBM			(_UL(1) << 51)	/* dirty bit modifier (FEAT_HAFDBS) */
#define PTE_CONT		(_UL(1) << 52)
#define PTE_PXN			(_UL(1) << 53)	/* privileged execute-never */
#define PTE_UXN			(_UL(1) << 54)	/* unprivileged execute-never */
#define PTE_ADDR_MASK		_UL(0x0000fffffffff000)

/* Kernel mapping attributes: the W^X combinations the image uses. */
#define PROT_NORMAL_BASE	(PTE_VALID | PTE_AF | PTE_SHARED | PTE_ATTRINDX(MT_NORMAL))
#define PROT_KERNEL_TEXT	(PROT_NORMAL_BASE | PTE_RDONLY | PTE_UXN)		/* R-X */
#define PROT_KERNEL_RO		(PROT_NORMAL_BASE | PTE_RDONLY | PTE_UXN | PTE_PXN)	/* R-- */
#define PROT_KERNEL_RW		(PROT_NORMAL_BASE | PTE_UXN | PTE_PXN)			/* RW- */
#define PROT_DEVICE		(PTE_VALID | PTE_AF | PTE_ATTRINDX(MT_DEVICE_nGnRE) | PTE_UXN | PTE_PXN)

#endif
