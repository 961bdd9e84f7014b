/*
 * Using FP/SIMD (NEON) registers in the kernel (Linux: asm/neon.h,
 * arch/arm64/kernel/fpsimd.c). The kernel is built -mgeneral-regs-only, so
 * its own C code never touches V0-V31; code linked in from outside (liblz4)
 * does. Every call into such code goes between
 *
 *	kernel_neon_begin();
 *	n = LZ4_decompress_safe(...);
 *	kernel_neon_end();
 *
 * kernel_neon_begin() masks interrupts on this CPU, makes sure FP/SIMD is
 * not trapped at EL1 (CPACR_EL1.FPEN = 0b11), and saves V0-V31, FPSR and
 * FPCR into this CPU's save area; kernel_neon_end() restores them and the
 * interrupt mask. Whatever a user task (or an interrupted kernel path) had in
 * those registers is therefore untouched. The region must be short and must
 * not sleep, fault or nest (nesting is a BUG). The host build replaces this
 * header with no-ops (tests/host/include/asm/neon.h).
 */
#ifndef _ASM_NEON_H
#define _ASM_NEON_H

#include <linux/types.h>

/*
 * Boot: check that the CPU implements FP and AdvSIMD (ID_AA64PFR0_EL1) and
 * enable them at EL0 and EL1 (CPACR_EL1.FPEN = 0b11), as Linux's
 * __cpu_setup does. Every CPU runs it once before using FP/SIMD.
 * kernel_neon_begin() also enables FP/SIMD if a CPU has not.
 */
void fpsimd_init(void);
/* True once fpsimd_init() found FP/SIMD; lz4 cannot run without it. */
bool system_supports_fpsimd(void);

void kernel_neon_begin(void);
void kernel_neon_end(void);

#endif
