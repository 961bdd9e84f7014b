/*
 * Reading and writing user memory from the kernel (Linux:
 * include/linux/uaccess.h). The kernel never dereferences a user pointer:
 * these check the range lies in the user half, then copy with LDTRB/STTRB,
 * the "unprivileged" loads and stores that are checked against EL0's
 * permissions even when executed at EL1 (ARM ARM C6.2, LDTRB). A fault in
 * the copy loop is resolved like a user fault (demand paging); if it cannot
 * be, the exception table sends the loop to its fixup, which returns how
 * much was not copied (arch/arm64/lib/uaccess.S).
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <asm/pgtable.h>

#define __user

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE && a <= TASK_SIZE - size;
}

unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n);
long __arch_strncpy_from_user(char *dst, const char __user *src, long count);

/* Returns the number of bytes NOT copied (0 = success), as Linux's. */
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return __arch_copy_from_user(to, from, n);
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __arch_copy_to_user(to, from, n);
}

/*
 * Copy a NUL-terminated string of at most count bytes. Returns its length
 * (without the NUL), count if no NUL was found within count bytes, or
 * -EFAULT (-14).
 */
static inline long strncpy_from_user(char *dst, const char __user *src, long count)
{
	if (count <= 0)
		return 0;
	if (!access_ok(src, 1))
		return -14;
	return __arch_strncpy_from_user(dst, src, count);
}

/*
 * User-address faults taken by uaccess code and passed to handle_mm_fault
 * (arch/arm64/mm/fault.c do_kernel_fault), and how many of those ran with IRQs
 * masked. The fault path can reclaim and compress for a long time, so it
 * must run with the interrupted context's IRQ state (Linux: el1_da,
 * local_daif_inherit); the uaccess self-test checks the second stays 0.
 */
struct uaccess_fault_stat {
	unsigned long faults;
	unsigned long irqs_disabled;
};
extern struct uaccess_fault_stat uaccess_fault_stat;

#endif
