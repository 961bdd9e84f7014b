/*
 * _start: the first instruction of every user program.
 *
 * The kernel enters here at EL0 with sp pointing at argc, followed by the
 * argv pointers and a NULL (layout in include/uapi/unistd.h). We read them
 * from the stack rather than trusting x0/x1, so the same binary also starts
 * under Linux (qemu-aarch64), whose stack begins the same way.
 */
#include <uapi/unistd.h>

	.section .text.start, "ax"
	.globl	_start
	.type	_start, %function
_start:
	mov	x29, #0			/* end of the frame-pointer chain for backtraces */
	mov	x30, #0
	ldr	x0, [sp]		/* argc */
	add	x1, sp, #8		/* argv */
	bl	__libc_start		/* calls main, then exit(); never returns */
	/* Not reached; if it were, end the task rather than run off the end. */
	mov	x0, #127
	mov	x8, #__NR_exit
	svc	#0
	b	.
	.size	_start, . - _start
