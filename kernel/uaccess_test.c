/*
 * Self-test suite "uaccess": copy_{from,to}_user and strncpy_from_user
 * refuse kernel addresses, NULL, unmapped and read-only user memory with an
 * error, demand-page valid buffers, and never crash; then the `fault efault`
 * program makes every syscall with such pointers from EL0.
 */
#include <linux/kernel.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/uaccess.h>
#include <asm/mmu_context.h>
#include <uapi/wait.h>
#include <string.h>

#define UBASE	0x10000000UL

static struct mm_struct *test_mm;

/* Borrow a fresh address space for this kernel thread: one RW page-range and one RO. */
static bool enter_test_mm(void)
{
	test_mm = mm_alloc();
	if (!test_mm)
		return false;
	vma_add(test_mm, UBASE, UBASE + 4 * PAGE_SIZE, VM_READ | VM_WRITE | VM_ANON, "rw");
	vma_add(test_mm, UBASE + 8 * PAGE_SIZE, UBASE + 9 * PAGE_SIZE, VM_READ | VM_ANON, "ro");
	current->mm = test_mm;
	switch_mm(test_mm);
	return true;
}

static void leave_test_mm(void)
{
	current->mm = NULL;
	switch_mm(NULL);
	mmput(test_mm);
}

static void test_copy_roundtrip(struct kunit *test)
{
	char out[64] = "the quick brown fox", in[64];
	void __user *u = (void __user *)(UBASE + PAGE_SIZE - 10);	/* spans two pages */

	KUNIT_ASSERT_TRUE(test, enter_test_mm());
	KUNIT_EXPECT_EQ(test, copy_to_user(u, out, sizeof(out)), 0);
	memset(in, 0, sizeof(in));
	KUNIT_EXPECT_EQ(test, copy_from_user(in, u, sizeof(in)), 0);
	KUNIT_EXPECT_STREQ(test, in, out);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(in, u, sizeof(in)), (long)strlen(out));
	KUNIT_EXPECT_EQ(test, get_mm_counter(test_mm, MM_ANONPAGES), 2);	/* both pages were demand-faulted */
	leave_test_mm();
}

static void test_bad_pointers(struct kunit *test)
{
	char buf[16] = "x";

	KUNIT_ASSERT_TRUE(test, enter_test_mm());
	/* NULL, a kernel address, unmapped: nothing copied. */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, NULL, 8), 8);
	KUNIT_EXPECT_EQ(test, copy_to_user(NULL, buf, 8), 8);
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void __user *)0xffff000000001000UL, 8), 8);
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)buf, buf, 8), 8);	/* buf is a kernel address */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void __user *)(UBASE + 5 * PAGE_SIZE), 8), 8);
	KUNIT_EXPECT_EQ(test, strncpy_from_user(buf, (void __user *)(UBASE + 5 * PAGE_SIZE), 8), -14);
	/* Read-only: readable (the zero page), not writable. */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void __user *)(UBASE + 8 * PAGE_SIZE), 8), 0);
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)(UBASE + 8 * PAGE_SIZE), buf, 8), 8);
	/* A copy that runs off the end of the mapping stops there. */
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)(UBASE + 4 * PAGE_SIZE - 4), buf, 8), 4);
	/* Ranges that wrap or leave the user half are refused before any access. */
	KUNIT_EXPECT_EQ(test, copy_from_user(buf, (void __user *)(TASK_SIZE - 4), 8), 8);
	leave_test_mm();
}

static void test_syscalls_from_el0(struct kunit *test)
{
	char *argv[] = { "fault", "efault", NULL };
	int status = -1, pid = spawn_user("fault", 2, argv, current);

	KUNIT_ASSERT_TRUE(test, pid > 0);
	KUNIT_EXPECT_EQ(test, kernel_wait(pid, &status), pid);
	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);	/* every bad pointer gave -EFAULT */
}

/*
 * A user task write()s 64 never-touched pages: each copy_from_user chunk
 * faults at EL1 and runs handle_mm_fault. Each of those faults must run
 * with IRQs on, as the syscall that made the copy did (el1h_64_sync_handler,
 * Linux's el1_da / local_daif_inherit). Counting "were IRQs masked" at the
 * call is deterministic, unlike counting timer ticks during the copy.
 */
static void test_uaccess_fault_irqs_on(struct kunit *test)
{
	char *argv[] = { "fault", "bigwrite", NULL };
	struct uaccess_fault_stat before = uaccess_fault_stat;
	int status = -1, pid = spawn_user("fault", 2, argv, current);
	unsigned long faults, masked;

	KUNIT_ASSERT_TRUE(test, pid > 0);
	KUNIT_EXPECT_EQ(test, kernel_wait(pid, &status), pid);
	KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
	KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
	faults = uaccess_fault_stat.faults - before.faults;
	masked = uaccess_fault_stat.irqs_disabled - before.irqs_disabled;
	printk("        # uaccess faults: %lu, with IRQs masked: %lu\n", faults, masked);
	KUNIT_EXPECT_GE(test, faults, 64);	/* one per page at least */
	KUNIT_EXPECT_EQ(test, masked, 0);
}

static struct kunit_case uaccess_cases[] = {
	KUNIT_CASE(test_copy_roundtrip),
	KUNIT_CASE(test_bad_pointers),
	KUNIT_CASE(test_syscalls_from_el0),
	KUNIT_CASE(test_uaccess_fault_irqs_on),
	{ NULL, NULL },
};
static struct kunit_suite uaccess_suite = { .name = "uaccess", .cases = uaccess_cases };
selftest_suite(uaccess_suite);
