/*
 * Host stand-in for asm/neon.h: a user program may use its FP/SIMD
 * registers freely (the OS saves them), so there is nothing to do.
 */
#ifndef _ASM_NEON_H
#define _ASM_NEON_H
#include <linux/types.h>
static inline void fpsimd_init(void) { }
static inline bool system_supports_fpsimd(void) { return true; }
static inline void kernel_neon_begin(void) { }
static inline void kernel_neon_end(void) { }
#endif
