/*
 * What the boot CPU hands a secondary CPU it starts (Linux: struct
 * secondary_data in arch/arm64/include/asm/smp.h). boot/head.S reads the
 * first three words with the MMU off, so the offsets are shared with it.
 */
#ifndef _ASM_SMP_H
#define _ASM_SMP_H

#define SECONDARY_DATA_TTBR1	0	/* physical address of swapper_pg_dir */
#define SECONDARY_DATA_TCR	8	/* the boot CPU's TCR_EL1 */
#define SECONDARY_DATA_SCTLR	16	/* the boot CPU's SCTLR_EL1 */
#define SECONDARY_DATA_STACK	24	/* top of this CPU's kernel stack (virtual) */
#define SECONDARY_DATA_CPU_INFO	32	/* its struct cpu_info, for TPIDR_EL1 (virtual) */

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct secondary_data {
	u64 ttbr1;
	u64 tcr;
	u64 sctlr;
	u64 stack;
	u64 cpu_info;
};
_Static_assert(__builtin_offsetof(struct secondary_data, cpu_info) == SECONDARY_DATA_CPU_INFO,
	       "boot/head.S reads secondary_data by these offsets");

extern struct secondary_data secondary_data;
extern char secondary_entry[], secondary_park[];

/* PSCI CPU_ON (psci.c): 0 or a negative PSCI error; -1 with no PSCI conduit. */
int psci_cpu_on(u64 mpidr, phys_addr_t entry);
bool psci_available(void);
/* Spin-table release (smp_spin_table.c): write entry's PA at release_addr, clean, SEV. */
int spin_table_release(const char *name, u64 release_addr, phys_addr_t entry);

#endif
#endif
