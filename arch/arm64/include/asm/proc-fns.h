/*
 * Loading TTBR0_EL1 (Linux: cpu_do_switch_mm in arch/arm64/mm/proc.S,
 * cpu_set_reserved_ttbr0 in asm/mmu_context.h). With TCR_EL1.A1 = 0 the
 * current ASID is TTBR0_EL1[63:48], so one write changes the table and the
 * ASID together: no window in which the new table runs with the old ASID.
 * Host tests replace this header.
 */
#ifndef _ASM_PROC_FNS_H
#define _ASM_PROC_FNS_H

#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <asm/pgtable.h>

/* An all-zero L0 table in the image: TTBR0 while no user mm runs (every walk faults at L0). */
extern const pgd_t reserved_pg_dir[];

static inline void cpu_do_switch_mm(phys_addr_t pgd_phys, unsigned int asid)
{
	write_sysreg(pgd_phys | ((u64)asid << TTBR_ASID_SHIFT), ttbr0_el1);
	isb();
}

/* ASID 0 is never given to a user mm, and the table is empty: nothing gets cached under it. */
static inline void cpu_set_reserved_ttbr0(void)
{
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
}

#endif
