/*
 * CPU feature ID registers (ARM ARM D17.2: ID_AA64MMFR0_EL1, ID_AA64MMFR1_EL1).
 * Each field is 4 bits; 0 means "not implemented". Linux reads them once
 * into a system-wide view (arch/arm64/kernel/cpufeature.c); with one kind of
 * CPU we read them where they are needed. Host tests replace this header.
 */
#ifndef _ASM_CPUFEATURE_H
#define _ASM_CPUFEATURE_H

#include <linux/types.h>
#include <asm/sysreg.h>

#define ID_AA64MMFR0_ASIDBITS_16	2	/* ASIDBits: 0b0000 = 8 bits, 0b0010 = 16 bits */
#define ID_AA64MMFR1_HAFDBS_AF		1	/* hardware Access flag */
#define ID_AA64MMFR1_HAFDBS_DBM		2	/* ... and dirty state (DBM) */

static inline unsigned int cpuid_field(u64 reg, int shift)
{
	return (unsigned int)(reg >> shift) & 0xf;
}

static inline u64 read_id_aa64mmfr0(void) { return read_sysreg(id_aa64mmfr0_el1); }
static inline u64 read_id_aa64mmfr1(void) { return read_sysreg(id_aa64mmfr1_el1); }

#endif
