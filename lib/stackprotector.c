/*
 * The stack protector's two symbols. The kernel is built with
 * -fstack-protector-strong, and Debian's libfdt.a and liblz4.a were built
 * with it too, so they reference these: functions with arrays on the stack
 * store __stack_chk_guard next to the return address on entry, and call
 * __stack_chk_fail() if it changed by the time they return (Linux:
 * kernel/panic.c __stack_chk_fail()).
 *
 * This file itself is compiled with -fno-stack-protector (see the Makefile):
 * the failure handler must not trip the check it reports.
 */
#include <linux/kernel.h>

/*
 * A fixed canary: a teaching kernel has no early entropy to draw on, and a
 * fixed value keeps runs reproducible. Its lowest byte, the first one in
 * memory on little-endian arm64, is zero: an overflow through strcpy() and
 * friends stops at a NUL, so it cannot rewrite the canary and carry on
 * to the return address, and a %s that runs off the end of a buffer stops
 * before leaking the rest of it.
 */
unsigned long __stack_chk_guard = 0x00d0c0ffee5eed00UL;

void __stack_chk_fail(void);

/*
 * Called by compiler-inserted code when a function's canary was overwritten.
 * The stack can no longer be trusted, so stop; the return address names the
 * function whose frame was smashed.
 */
__noreturn void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in: %p",
	      __builtin_return_address(0));
}
