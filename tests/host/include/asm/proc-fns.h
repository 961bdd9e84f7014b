/*
 * Host stand-in for asm/proc-fns.h: "writing TTBR0" records the value in
 * host_ttbr0, which the test checks (tests/host/test_asid.c defines it).
 */
#ifndef _ASM_PROC_FNS_H
#define _ASM_PROC_FNS_H

#include <linux/types.h>

#define HOST_RESERVED_TTBR0	0xdead0000UL	/* stands for __pa(reserved_pg_dir) */

extern u64 host_ttbr0;
extern unsigned long host_ttbr0_writes;

static inline void cpu_do_switch_mm(phys_addr_t pgd_phys, unsigned int asid)
{
	host_ttbr0 = pgd_phys | ((u64)asid << 48);
	host_ttbr0_writes++;
}

static inline void cpu_set_reserved_ttbr0(void)
{
	host_ttbr0 = HOST_RESERVED_TTBR0;
	host_ttbr0_writes++;
}

#endif
