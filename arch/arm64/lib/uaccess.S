/*
 * User copies with unprivileged loads/stores and exception-table fixups
 * (Linux: arch/arm64/lib/copy_from_user.S and friends, one byte at a time
 * here for clarity). Each LDTRB/STTRB that may fault has an __ex_table entry
 * {instruction, fixup}, both as offsets from the entry itself.
 */
#include <asm/assembler.h>

	.macro	extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	4
	.long	\insn - .
	.long	\fixup - .
	.popsection
	.endm

/* unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n) */
ENTRY __arch_copy_from_user
	cbz	x2, 2f
1:	ldtrb	w3, [x1]
	extable	1b, 9f
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, #0
	ret
9:	mov	x0, x2			/* bytes not copied */
	ret
END __arch_copy_from_user

/* unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n) */
ENTRY __arch_copy_to_user
	cbz	x2, 2f
1:	ldrb	w3, [x1], #1
3:	sttrb	w3, [x0]
	extable	3b, 9f
	add	x0, x0, #1
	subs	x2, x2, #1
	b.ne	1b
2:	mov	x0, #0
	ret
9:	mov	x0, x2
	ret
END __arch_copy_to_user

/* long __arch_strncpy_from_user(char *dst, const char __user *src, long count) */
ENTRY __arch_strncpy_from_user
	mov	x4, #0			/* length so far */
1:	cmp	x4, x2
	b.ge	2f
3:	ldtrb	w3, [x1, #0]
	extable	3b, 9f
	strb	w3, [x0, x4]
	cbz	w3, 2f
	add	x1, x1, #1
	add	x4, x4, #1
	b	1b
2:	mov	x0, x4
	ret
9:	mov	x0, #-14		/* -EFAULT */
	ret
END __arch_strncpy_from_user
