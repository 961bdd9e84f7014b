/*
 * Self-tests for kernel-mode FP/SIMD (arch/arm64/kernel/fpsimd.c): the register
 * file survives a save/load round trip, and a liblz4 call bracketed by
 * kernel_neon_begin/end leaves every V register, FPSR and FPCR of the
 * "interrupted context" as it was, and CPACR_EL1 too. The same call without
 * the brackets is shown to clobber registers (LZ4_decompress_safe copies
 * short-offset matches with ld1r {v0.16b}): the reason the brackets exist.
 * And user tasks keep their own V0-V31, FPCR and TPIDR_EL0 across context
 * switches (user/fpsimd.c, three at once).
 */
#define LZ4_STATIC_LINKING_ONLY
#include <lz4.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <uapi/wait.h>
#include <asm/barrier.h>
#include <asm/fpsimd.h>
#include <asm/irqflags.h>
#include <asm/neon.h>
#include <asm/sysreg.h>

static struct user_fpsimd_state pattern, after;

/* Distinct values in every register; FPCR: DN, FZ, round towards +inf; FPSR: QC, IXC, IOC. */
static void make_pattern(void)
{
	for (int i = 0; i < 64; i++)
		pattern.vregs[i] = 0x0101010101010101ULL * (i + 1) ^ 0xa5a5000000005a5aULL;
	pattern.fpcr = (1u << 25) | (1u << 24) | (1u << 22);
	pattern.fpsr = (1u << 27) | (1u << 4) | (1u << 0);
}

/* V registers (of 32) that differ between pattern and after. */
static int vregs_changed(void)
{
	int n = 0;

	for (int r = 0; r < 32; r++)
		n += pattern.vregs[2 * r] != after.vregs[2 * r] ||
		     pattern.vregs[2 * r + 1] != after.vregs[2 * r + 1];
	return n;
}

/* Run fn with FP enabled and interrupts masked, registers loaded from pattern, saved to after. */
static void with_pattern(void (*fn)(void *), void *arg)
{
	unsigned long flags = arch_local_irq_save();
	unsigned long cpacr = read_sysreg(cpacr_el1);

	write_sysreg(cpacr | CPACR_EL1_FPEN, cpacr_el1);
	isb();
	fpsimd_load_state(&pattern);
	fn(arg);
	fpsimd_save_state(&after);
	write_sysreg(cpacr, cpacr_el1);
	isb();
	arch_local_irq_restore(flags);
}

static void nothing(void *arg) { }

static void test_fpsimd_save_load(struct kunit *test)
{
	make_pattern();
	memset(&after, 0, sizeof(after));
	with_pattern(nothing, NULL);
	KUNIT_EXPECT_EQ(test, vregs_changed(), 0);
	KUNIT_EXPECT_EQ(test, after.fpcr, pattern.fpcr);
	KUNIT_EXPECT_EQ(test, after.fpsr, pattern.fpsr);
}

struct lz4_job {
	char *src, *block, *out;
	int len, ret;
	bool bracket;
};

static void decompress(void *arg)
{
	struct lz4_job *j = arg;

	if (j->bracket)
		kernel_neon_begin();
	j->ret = LZ4_decompress_safe(j->block, j->out, j->len, PAGE_SIZE);
	if (j->bracket)
		kernel_neon_end();
}

static void test_kernel_neon_preserves(struct kunit *test)
{
	struct page *pages = alloc_pages(GFP_KERNEL, 3);	/* state 16 KiB + 3 buffers */
	unsigned long cpacr = read_sysreg(cpacr_el1);
	struct lz4_job j = { 0 };
	char *base;
	int clobbered;

	KUNIT_ASSERT_TRUE(test, pages != NULL);
	base = page_address(pages);
	j.src = base + 5 * PAGE_SIZE;
	j.block = base + 6 * PAGE_SIZE;
	j.out = base + 7 * PAGE_SIZE;
	memset(j.src, 0, PAGE_SIZE);	/* zeros but one byte: matches at offset 1 */
	j.src[100] = 7;
	kernel_neon_begin();
	j.len = LZ4_compress_fast_extState(base, j.src, j.block, PAGE_SIZE, PAGE_SIZE, 1);
	kernel_neon_end();
	KUNIT_ASSERT_TRUE(test, j.len > 0);

	make_pattern();
	j.bracket = false;
	with_pattern(decompress, &j);
	clobbered = vregs_changed();
	printk("        # without kernel_neon_begin/end, LZ4_decompress_safe changed %d of the 32 "
	       "V registers\n", clobbered);
	KUNIT_EXPECT_EQ(test, j.ret, PAGE_SIZE);

	j.bracket = true;
	memset(j.out, 0, PAGE_SIZE);
	with_pattern(decompress, &j);
	KUNIT_EXPECT_EQ(test, j.ret, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, memcmp(j.src, j.out, PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, vregs_changed(), 0);
	KUNIT_EXPECT_EQ(test, after.fpcr, pattern.fpcr);
	KUNIT_EXPECT_EQ(test, after.fpsr, pattern.fpsr);
	KUNIT_EXPECT_EQ(test, read_sysreg(cpacr_el1), cpacr);	/* left as found */
	__free_pages(pages, 3);
}

/*
 * Three user tasks hold different values in every FP/SIMD register, FPCR and
 * TPIDR_EL0 while they yield to each other hundreds of times: each must get
 * its own back. Without a per-task save and load they share one register
 * file and all but the last to load would fail.
 */
static void test_user_fpsimd_per_task(struct kunit *test)
{
	static char *const argv[3][3] = {
		{ "fpsimd", "1", NULL }, { "fpsimd", "2", NULL }, { "fpsimd", "7", NULL },
	};
	int pid[3], status;

	for (int i = 0; i < 3; i++) {
		pid[i] = spawn_user("fpsimd", 2, argv[i], current);
		KUNIT_ASSERT_TRUE(test, pid[i] > 0);
	}
	for (int i = 0; i < 3; i++) {
		status = -1;
		KUNIT_EXPECT_EQ(test, kernel_wait(pid[i], &status), pid[i]);
		KUNIT_EXPECT_TRUE(test, WIFEXITED(status));
		KUNIT_EXPECT_EQ(test, WEXITSTATUS(status), 0);
	}
}

static struct kunit_case fpsimd_cases[] = {
	KUNIT_CASE(test_fpsimd_save_load),
	KUNIT_CASE(test_kernel_neon_preserves),
	KUNIT_CASE(test_user_fpsimd_per_task),
	{}
};
static struct kunit_suite fpsimd_suite = { .name = "fpsimd", .cases = fpsimd_cases };
selftest_suite(fpsimd_suite);
