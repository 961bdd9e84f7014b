/*
 * Host stand-in for asm/cpufeature.h: the ID registers are variables the
 * test sets (tests/host/test_asid.c defines them).
 */
#ifndef _ASM_CPUFEATURE_H
#define _ASM_CPUFEATURE_H

#include <linux/types.h>

#define ID_AA64MMFR0_ASIDBITS_16	2
#define ID_AA64MMFR1_HAFDBS_AF		1
#define ID_AA64MMFR1_HAFDBS_DBM		2

extern u64 host_id_aa64mmfr0, host_id_aa64mmfr1;

static inline unsigned int cpuid_field(u64 reg, int shift)
{
	return (unsigned int)(reg >> shift) & 0xf;
}

static inline u64 read_id_aa64mmfr0(void) { return host_id_aa64mmfr0; }
static inline u64 read_id_aa64mmfr1(void) { return host_id_aa64mmfr1; }

#endif
