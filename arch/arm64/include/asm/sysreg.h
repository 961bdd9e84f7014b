/*
 * System register fields the kernel programs, named as in the ARM ARM
 * (DDI 0487, chapter D17 "AArch64 System Register Descriptions").
 * Usable from assembly and C.
 */
#ifndef _ASM_SYSREG_H
#define _ASM_SYSREG_H

#include <linux/const.h>

#define _BITUL(n)	(_UL(1) << (n))

/* CurrentEL.EL, bits [3:2] */
#define CurrentEL_EL1		(1 << 2)
#define CurrentEL_EL2		(2 << 2)

/* SCTLR_EL1 (D17.2.118). RES1 bits of ARMv8.0: 29, 28, 23, 22, 20, 11. */
#define SCTLR_EL1_RES1		(_BITUL(29) | _BITUL(28) | _BITUL(23) | _BITUL(22) | _BITUL(20) | _BITUL(11))
#define SCTLR_EL1_M		_BITUL(0)	/* stage 1 MMU enable */
#define SCTLR_EL1_C		_BITUL(2)	/* data cacheability */
#define SCTLR_EL1_SA		_BITUL(3)	/* SP alignment check at EL1 */
#define SCTLR_EL1_SA0		_BITUL(4)	/* SP alignment check at EL0 */
#define SCTLR_EL1_I		_BITUL(12)	/* instruction cacheability */
#define SCTLR_EL1_DZE		_BITUL(14)	/* EL0 may use DC ZVA */
#define SCTLR_EL1_UCT		_BITUL(15)	/* EL0 may read CTR_EL0 */
#define SCTLR_EL1_nTWI		_BITUL(16)	/* EL0 WFI not trapped */
#define SCTLR_EL1_nTWE		_BITUL(18)	/* EL0 WFE not trapped */
#define SCTLR_EL1_SPAN		_BITUL(23)	/* 0: PSTATE.PAN set on exception to EL1 (FEAT_PAN) */
#define SCTLR_EL1_UCI		_BITUL(26)	/* EL0 cache maintenance allowed */
#define SCTLR_EL1_MMU_OFF	SCTLR_EL1_RES1
#define SCTLR_EL1_MMU_ON	(SCTLR_EL1_RES1 | SCTLR_EL1_M | SCTLR_EL1_C | SCTLR_EL1_SA | \
				 SCTLR_EL1_SA0 | SCTLR_EL1_I | SCTLR_EL1_nTWI | SCTLR_EL1_nTWE | \
				 SCTLR_EL1_UCT | SCTLR_EL1_UCI)

/* HCR_EL2 (D17.2.48): RW = EL1 is AArch64. */
#define HCR_EL2_RW		_BITUL(31)
/* CNTHCTL_EL2: EL1PCTEN, EL1PCEN = EL1 may use the physical counter and timer. */
#define CNTHCTL_EL2_EL1PCTEN	_BITUL(0)
#define CNTHCTL_EL2_EL1PCEN	_BITUL(1)
/* CPTR_EL2 with E2H=0: RES1 bits 13:12 and 9:0; TFP (bit 10) clear = no FP trap. */
#define CPTR_EL2_RES1		0x33ff
/* ICC_SRE_EL2: SRE (system-register GIC interface), Enable (EL1 may set ICC_SRE_EL1.SRE) */
#define ICC_SRE_EL2_SRE		_BITUL(0)
#define ICC_SRE_EL2_ENABLE	_BITUL(3)

/* SPSR: mode field M[3:0] and the DAIF mask bits. */
#define PSR_MODE_EL0t		0x0
#define PSR_MODE_EL1t		0x4
#define PSR_MODE_EL1h		0x5
#define PSR_MODE_EL2h		0x9
#define PSR_F_BIT		_BITUL(6)
#define PSR_I_BIT		_BITUL(7)
#define PSR_A_BIT		_BITUL(8)
#define PSR_D_BIT		_BITUL(9)
#define PSR_PAN_BIT		_BITUL(22)
#define PSR_DAIF_MASK		(PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

/* CPACR_EL1.FPEN, bits [21:20] = 0b11: FP/SIMD not trapped at EL0/EL1. */
#define CPACR_EL1_FPEN		(_UL(3) << 20)

/* TCR_EL1 (D17.2.131) */
#define TCR_T0SZ(x)		((_UL(64) - (x)) << 0)
#define TCR_T1SZ(x)		((_UL(64) - (x)) << 16)
#define TCR_EPD0		_BITUL(7)	/* no TTBR0 walks: faults on the lower half */
#define TCR_EPD1		_BITUL(23)
#define TCR_IRGN0_WBWA		(_UL(1) << 8)
#define TCR_ORGN0_WBWA		(_UL(1) << 10)
#define TCR_SH0_INNER		(_UL(3) << 12)
#define TCR_TG0_4K		(_UL(0) << 14)
#define TCR_IRGN1_WBWA		(_UL(1) << 24)
#define TCR_ORGN1_WBWA		(_UL(1) << 26)
#define TCR_SH1_INNER		(_UL(3) << 28)
#define TCR_TG1_4K		(_UL(2) << 30)
#define TCR_IPS_SHIFT		32
#define TCR_A1			_BITUL(22)	/* 0: the ASID comes from TTBR0_EL1 */
#define TCR_AS			_BITUL(36)	/* 16-bit ASIDs */
#define TCR_HA			_BITUL(39)	/* hardware Access flag update (FEAT_HAFDBS) */
#define TCR_HD			_BITUL(40)	/* hardware dirty state (DBM) */
#define TCR_KERNEL_FLAGS	(TCR_T0SZ(48) | TCR_T1SZ(48) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | \
				 TCR_SH0_INNER | TCR_TG0_4K | TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | \
				 TCR_SH1_INNER | TCR_TG1_4K)

/* TTBRn_EL1.ASID, bits [63:48] */
#define TTBR_ASID_SHIFT		48

/*
 * MAIR_EL1 (D17.2.97): eight 8-bit memory attributes, picked by a
 * descriptor's AttrIndx. Indices as Linux's arch/arm64/include/asm/memory.h.
 */
#define MT_NORMAL		0	/* 0xff: inner/outer write-back, read/write-allocate */
#define MT_NORMAL_NC		2	/* 0x44: non-cacheable */
#define MT_DEVICE_nGnRnE	3	/* 0x00 */
#define MT_DEVICE_nGnRE		4	/* 0x04: for MMIO, allows early write acknowledgement */
#define MAIR_ATTR(attr, idx)	((attr) << ((idx) * 8))
#define MAIR_EL1_VALUE		(MAIR_ATTR(_UL(0xff), MT_NORMAL) | MAIR_ATTR(_UL(0x44), MT_NORMAL_NC) | \
				 MAIR_ATTR(_UL(0x00), MT_DEVICE_nGnRnE) | MAIR_ATTR(_UL(0x04), MT_DEVICE_nGnRE))

/*
 * PAR_EL1 (D17.2.113), where an AT instruction leaves its answer (Linux
 * names). F = 0: the output address in [47:12] (PTE_ADDR_MASK), the memory
 * attributes in MAIR encoding and the shareability; F = 1: the fault status
 * code, encoded as ESR_ELx's DFSC (asm/esr.h ESR_ELx_FSC_*).
 */
#define SYS_PAR_EL1_F		_UL(0x1)		/* [0]: the translation faulted */
#define SYS_PAR_EL1_FST		_UL(0x7e)		/* [6:1] when F = 1 */
#define SYS_PAR_EL1_SH		_UL(0x180)		/* [8:7] when F = 0 */
#define SYS_PAR_EL1_ATTR	(_UL(0xff) << 56)	/* [63:56] when F = 0 */

/* ID_AA64MMFR0_EL1 */
#define ID_AA64MMFR0_PARANGE_MASK	_UL(0xf)
#define ID_AA64MMFR0_ASIDBITS_SHIFT	4
/* ID_AA64MMFR1_EL1 */
#define ID_AA64MMFR1_HAFDBS_SHIFT	0
#define ID_AA64MMFR1_PAN_SHIFT		20
/* ID_AA64PFR0_EL1.GIC, bits [27:24]: system-register GIC interface implemented */
#define ID_AA64PFR0_GIC_SHIFT		24

#ifndef __ASSEMBLY__
#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)
#define read_sysreg(r) ({ unsigned long __v; \
	__asm__ __volatile__("mrs %0, " __stringify(r) : "=r"(__v)); __v; })
#define write_sysreg(v, r) do { unsigned long __v = (unsigned long)(v); \
	__asm__ __volatile__("msr " __stringify(r) ", %x0" :: "rZ"(__v)); } while (0)
#endif

#endif
