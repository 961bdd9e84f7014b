/*
 * Asking the MMU itself how it treats an address, for the self-tests that
 * check page tables against the hardware (mm/pgtable_test.c,
 * arch/arm64/mm/mmu_test.c, tlbflush_test.c, context_test.c). These are
 * ARMv8 instructions and register layouts, hence asm/; the scratch address
 * spaces the tests build are generic (linux/mm_selftest.h).
 *
 *  - AT S1E1R/S1E1W/S1E0R/S1E0W translate an address as an EL1/EL0
 *    read/write would and leave the answer in PAR_EL1 (ARM ARM C5.5.x;
 *    fields in asm/sysreg.h). Linux issues AT the same way in
 *    arch/arm64/mm/fault.c is_spurious_el1_translation_fault;
 *  - load or store through an address that may fault: the instruction gets
 *    an exception-table entry, so a fault resumes at the fixup instead of
 *    oopsing (asm/traps.h). LDTR/STTR check EL0's permissions (a user access
 *    from EL1, unaffected by PAN); LDR checks EL1's.
 */
#ifndef _ASM_MMU_PROBE_H
#define _ASM_MMU_PROBE_H

#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/esr.h>
#include <asm/irqflags.h>
#include <asm/pgtable-hwdef.h>
#include <asm/sysreg.h>

#define PAR_F			SYS_PAR_EL1_F
#define PAR_FST(par)		(((par) & SYS_PAR_EL1_FST) >> 1)
#define PAR_PA(par)		((par) & PTE_ADDR_MASK)
#define PAR_ATTR(par)		(((par) & SYS_PAR_EL1_ATTR) >> 56)
#define PAR_SH(par)		(((par) & SYS_PAR_EL1_SH) >> 7)
/* Fault status codes with their level 0..3, as PAR_FST and ESR's DFSC report them. */
#define FST_TRANSLATION(lvl)	(ESR_ELx_FSC_FAULT | (unsigned long)(lvl))
#define FST_ACCESS_FLAG(lvl)	(ESR_ELx_FSC_ACCESS | (unsigned long)(lvl))
#define FST_PERMISSION(lvl)	(ESR_ELx_FSC_PERM | (unsigned long)(lvl))

/*
 * AT, then read PAR_EL1 after the ISB that makes the result visible, with
 * interrupts off so that no handler's own AT can overwrite PAR_EL1 between.
 */
#define DEFINE_AT(name, op)						\
static inline u64 name(unsigned long va)				\
{									\
	unsigned long flags = arch_local_irq_save();			\
	u64 par;							\
									\
	__asm__ __volatile__("at " #op ", %0" :: "r"(va));		\
	isb();								\
	par = read_sysreg(par_el1);					\
	arch_local_irq_restore(flags);					\
	return par;							\
}
DEFINE_AT(at_s1e1r, s1e1r)
DEFINE_AT(at_s1e1w, s1e1w)
DEFINE_AT(at_s1e0r, s1e0r)
DEFINE_AT(at_s1e0w, s1e0w)

/* The MAIR_EL1 attribute byte for a descriptor's AttrIndx (what PAR_ATTR should say). */
static inline unsigned int mair_attr(u64 desc)
{
	return (unsigned int)(MAIR_EL1_VALUE >> (((desc & PTE_ATTRINDX_MASK) >> 2) * 8)) & 0xff;
}

/* insn [addr] with an exception-table entry; err = 1 if it faulted. */
#define __PROBE(insn, val, addr, err)					\
	__asm__ __volatile__(						\
	"	mov	%w[e], #0\n"					\
	"1:	" insn "	%x[v], [%x[a]]\n"			\
	"	b	3f\n"						\
	"2:	mov	%w[e], #1\n"					\
	"3:\n"								\
	"	.pushsection __ex_table, \"a\"\n"			\
	"	.balign	4\n"						\
	"	.long	1b - .\n"					\
	"	.long	2b - .\n"					\
	"	.popsection\n"						\
	: [e] "=&r"(err), [v] "+r"(val) : [a] "r"(addr) : "memory")

/* Load a u64 as EL0 would (LDTR); false if it faulted. */
static inline bool probe_user_read(unsigned long addr, u64 *out)
{
	u64 val = 0;
	int err;

	__PROBE("ldtr", val, addr, err);
	*out = val;
	return !err;
}

/* Store a u64 as EL0 would (STTR); false if it faulted. */
static inline bool probe_user_write(unsigned long addr, u64 val)
{
	int err;

	__PROBE("sttr", val, addr, err);
	return !err;
}

/* An ordinary EL1 load (subject to PAN on user pages); false if it faulted. */
static inline bool probe_kernel_read(unsigned long addr, u64 *out)
{
	u64 val = 0;
	int err;

	__PROBE("ldr", val, addr, err);
	*out = val;
	return !err;
}

#endif
