/*
 * Address-space switching and ASIDs (arch/arm64/mm/context.c; Linux:
 * arch/arm64/mm/context.c). An ASID tags TLB entries of nG mappings, so
 * switching TTBR0 between tasks needs no TLB flush. ASIDs are handed out
 * from a bitmap; mm->context.id keeps generation << asid_bits | asid. When
 * the bitmap is full a new generation starts: the bitmap is cleared, the
 * whole TLB flushed once, and every mm gets a fresh ASID the next time it
 * runs (its old id has a stale generation).
 */
#ifndef _ASM_MMU_CONTEXT_H
#define _ASM_MMU_CONTEXT_H

#include <linux/types.h>

struct mm_struct;

/* Read ID_AA64MMFR0_EL1.ASIDBits (8 or 16), apply the asid_bits= limit. */
void asid_init(void);
unsigned int asid_bits(void);
/* Current generation number (for the shell / gdb `asid`). */
u64 asid_generation(void);
unsigned long asid_rollovers(void);

/* Give mm a valid ASID for the current generation (allocating one if needed); returns it. */
unsigned int check_and_switch_context(struct mm_struct *mm);
/* Switch TTBR0 to mm (or to nothing for a kernel thread: mm == NULL). */
void switch_mm(struct mm_struct *next);
/* The ASID bits of mm->context.id. */
unsigned int mm_asid(const struct mm_struct *mm);
void destroy_context(struct mm_struct *mm);
/* The mm whose tables are in this CPU's TTBR0 (the last switch_mm), or NULL. */
struct mm_struct *cpu_active_mm(void);
/*
 * For tests: use only `bits` (2..hardware) ASID bits from now on, 0 = all.
 * Every mm gets a new ASID when it next runs; the TLB is flushed. Call it
 * only with no user mm in TTBR0 (after switch_mm(NULL)). Returns 0 or -1.
 */
int asid_set_bits(unsigned int bits);

#endif
