/* ESR_EL1, the Exception Syndrome Register (ARM ARM D17.2.40). */
#ifndef _ASM_ESR_H
#define _ASM_ESR_H

#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC(esr)		(((esr) >> ESR_ELx_EC_SHIFT) & 0x3f)
#define ESR_ELx_IL		(1UL << 25)
#define ESR_ELx_ISS(esr)	((esr) & 0x1ffffff)

/* Exception classes used by the handlers (the full table is in traps.c). */
#define ESR_ELx_EC_UNKNOWN	0x00
#define ESR_ELx_EC_WFx		0x01
#define ESR_ELx_EC_FP_ASIMD	0x07
#define ESR_ELx_EC_ILL		0x0e
#define ESR_ELx_EC_SVC64	0x15
#define ESR_ELx_EC_SYS64	0x18
#define ESR_ELx_EC_IABT_LOW	0x20
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_LOW	0x24
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_SERROR	0x2f
#define ESR_ELx_EC_BRK64	0x3c

/* Data/instruction abort ISS */
#define ESR_ELx_WNR		(1UL << 6)	/* write, not read */
#define ESR_ELx_CM		(1UL << 8)	/* cache maintenance */
#define ESR_ELx_FSC		0x3f		/* fault status code */
#define ESR_ELx_FSC_TYPE	0x3c
#define ESR_ELx_FSC_FAULT	0x04		/* translation fault, level in [1:0] */
#define ESR_ELx_FSC_ACCESS	0x08		/* access flag fault */
#define ESR_ELx_FSC_PERM	0x0c		/* permission fault */
/* BRK ISS: the 16-bit immediate */
#define ESR_ELx_BRK_IMM(esr)	((esr) & 0xffff)

#ifndef __ASSEMBLY__
const char *esr_get_class_string(unsigned long esr);
const char *esr_fsc_string(unsigned long esr);
#endif

#endif
