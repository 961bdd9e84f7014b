/*
 * Privileged Access Never (FEAT_PAN, ARMv8.1; ARM ARM D8.4.2): with
 * PSTATE.PAN = 1, an EL1 load or store to a page EL0 may access (AP[1] = 1)
 * faults with a permission fault. A kernel bug that follows a user pointer
 * then stops at once instead of silently reading what a user placed there.
 *
 * paging_init() sets SCTLR_EL1.SPAN = 0 (PAN is set on every exception
 * into EL1) and PAN = 1, when ID_AA64MMFR1_EL1.PAN says the CPU has it
 * (`-cpu max` does, Cortex-A72 does not). Code that must touch user memory
 * with ordinary loads/stores brackets the access (Linux: uaccess_enable_privileged):
 *
 *	uaccess_enable();  ... *(u64 *)uaddr ...  uaccess_disable();
 *
 * LDTR/STTR (the unprivileged forms copy_from_user uses) are checked against
 * EL0's permissions instead and are not affected by PAN.
 *
 * "msr pan, #imm" is ARMv8.1 syntax; the kernel is built for ARMv8.0, so it
 * is emitted as its encoding: MSR (immediate), op1 = 0, op2 = 4, CRm = imm
 * (Linux: SET_PSTATE_PAN).
 */
#ifndef _ASM_UACCESS_PAN_H
#define _ASM_UACCESS_PAN_H

#include <linux/types.h>

#define SET_PSTATE_PAN_0	".inst 0xd500409f"	/* msr pan, #0 */
#define SET_PSTATE_PAN_1	".inst 0xd500419f"	/* msr pan, #1 */

/* True once paging_init() has turned PAN on. */
extern bool arm64_pan_enabled;
bool cpu_has_pan(void);

static inline void uaccess_enable(void)
{
	if (arm64_pan_enabled)
		__asm__ __volatile__(SET_PSTATE_PAN_0 ::: "memory");
}

static inline void uaccess_disable(void)
{
	if (arm64_pan_enabled)
		__asm__ __volatile__(SET_PSTATE_PAN_1 ::: "memory");
}

/* PSTATE.PAN now (the register "PAN", S3_0_C4_C2_3, exists only with FEAT_PAN). */
static inline bool pan_is_set(void)
{
	unsigned long v = 0;

	if (arm64_pan_enabled)
		__asm__ __volatile__("mrs %0, S3_0_C4_C2_3" : "=r"(v));
	return v != 0;
}

#endif
