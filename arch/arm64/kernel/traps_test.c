/*
 * Self-test suite "exception": a deliberate BRK at EL1 is taken, decoded,
 * reported and resumed at the next instruction.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/kallsyms.h>
#include <linux/selftest.h>
#include <asm/esr.h>
#include <asm/traps.h>

#define SELFTEST_BRK_IMM	0x5e1f

static unsigned long seen_esr, seen_pc;
static int hook_calls;

static int selftest_brk_handler(struct pt_regs *regs, unsigned long esr)
{
	unsigned long size, off;
	const char *sym = kallsyms_lookup(regs->pc, &size, &off);

	hook_calls++;
	seen_esr = esr;
	seen_pc = regs->pc;
	printk("        # caught: ESR 0x%08lx (%s, imm 0x%lx) at %s+0x%lx, resuming\n", esr,
	       esr_get_class_string(esr), (unsigned long)ESR_ELx_BRK_IMM(esr), sym ? sym : "?", off);
	return 0;
}

static struct break_hook selftest_hook = { .imm = SELFTEST_BRK_IMM, .fn = selftest_brk_handler };

static void test_brk_caught_and_resumed(struct kunit *test)
{
	volatile int after = 0;
	unsigned long brk_pc;

	register_break_hook(&selftest_hook);
	__asm__ __volatile__("adr %0, 1f\n1:\tbrk %1" : "=r"(brk_pc) : "i"(SELFTEST_BRK_IMM) : "memory");
	after = 1;	/* only reached if the handler resumed after the BRK */
	unregister_break_hook(&selftest_hook);

	KUNIT_EXPECT_EQ(test, hook_calls, 1);
	KUNIT_EXPECT_EQ(test, ESR_ELx_EC(seen_esr), ESR_ELx_EC_BRK64);
	KUNIT_EXPECT_EQ(test, ESR_ELx_BRK_IMM(seen_esr), SELFTEST_BRK_IMM);
	KUNIT_EXPECT_EQ(test, seen_pc, brk_pc);
	KUNIT_EXPECT_EQ(test, after, 1);
}

static void test_esr_decoding(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, esr_get_class_string(0x96000045UL), "DABT (current EL)");
	KUNIT_EXPECT_STREQ(test, esr_fsc_string(0x96000045UL), "translation fault");
	KUNIT_EXPECT_STREQ(test, esr_get_class_string(0x56000000UL), "SVC (AArch64)");
	KUNIT_EXPECT_STREQ(test, esr_get_class_string(0xf2000000UL | SELFTEST_BRK_IMM), "BRK (AArch64)");
}

/* Backtraces need symbols: the kallsyms table names this very function. */
static void test_kallsyms(struct kunit *test)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup((unsigned long)test_kallsyms + 8, &size, &off);

	KUNIT_EXPECT_STREQ(test, name, "test_kallsyms");
	KUNIT_EXPECT_EQ(test, off, 8);
	KUNIT_EXPECT_EQ(test, kallsyms_lookup_name("start_kernel") != 0, 1);
}

static struct kunit_case exception_cases[] = {
	KUNIT_CASE(test_brk_caught_and_resumed),
	KUNIT_CASE(test_esr_decoding),
	KUNIT_CASE(test_kallsyms),
	{ NULL, NULL },
};

static struct kunit_suite exception_suite = { .name = "exception", .cases = exception_cases };
selftest_suite(exception_suite);

/*
 * "test.oops=null|undef|brk" on the command line makes the kernel take an
 * exception it cannot handle, on purpose, to show (and let tests check) the
 * full report: decoded ESR, FAR, registers, backtrace, then the panic.
 */
static noinline void oops_null_deref(void)
{
	/* In asm so the compiler cannot treat the NULL store as unreachable. */
	__asm__ __volatile__("str %0, [%1]" :: "r"(0xdeadUL), "r"(0UL) : "memory");
}

static int __init parse_test_oops(const char *val)
{
	if (!val)
		return -1;
	printk("test.oops=%s: taking an unhandled exception on purpose\n", val);
	if (strcmp(val, "null") == 0)
		oops_null_deref();
	else if (strcmp(val, "undef") == 0)
		__asm__ __volatile__(".inst 0x00000000");	/* permanently undefined (UDF #0) */
	else if (strcmp(val, "brk") == 0)
		__asm__ __volatile__("brk #0x800");		/* no hook registered for it */
	else
		return -1;
	return 0;
}
__setup("test.oops", parse_test_oops);
