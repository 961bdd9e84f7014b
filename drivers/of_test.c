/*
 * Self-test suite "fdt": what the kernel read from the device tree matches
 * what the machine was given, and of_init() refuses broken copies of the
 * blob. It runs in both places (include/linux/selftest.h): in the kernel on
 * the board's DT, where the test harness passes the RAM size QEMU was
 * started with as selftest.expect_mem=SIZE (e.g. 1G, 512M), and on the host
 * in build/host/test_of on tests/host/dts/twobank.dts, whose bootargs give
 * it. Blob-specific checks (QEMU's virt, a blob without /memory, nested bus
 * ranges) are the host-only suite of_host (tests/host/test_of.c).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/selftest.h>
#include <asm/boot_info.h>
#include <libfdt.h>
#include <string.h>

struct mem_tally {
	u64 total;
	int ranges;
	u64 base[8], size[8];
};

static void tally(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct mem_tally *t = arg;

	if (t->ranges < 8) {
		t->base[t->ranges] = base;
		t->size[t->ranges] = size;
	}
	t->ranges++;
	t->total += size;
}

static bool in_memory(const struct mem_tally *t, u64 start, u64 len)
{
	for (int i = 0; i < t->ranges && i < 8; i++)
		if (start >= t->base[i] && start + len <= t->base[i] + t->size[i])
			return true;
	return false;
}

static int __init parse_expect_mem(const char *val)
{
	return val ? 0 : -1;	/* read back with cmdline_get() by the test */
}
__setup("selftest.expect_mem", parse_expect_mem);

static void test_memory_size(struct kunit *test)
{
	struct mem_tally t = { 0 };
	char want[32];

	KUNIT_EXPECT_GT(test, of_scan_memory(tally, &t), 0);
	KUNIT_EXPECT_GT(test, t.total, 0);
	if (!cmdline_get("selftest.expect_mem", want, sizeof(want)))
		kunit_skip(test, "selftest.expect_mem=SIZE not given: RAM found (%llu KiB), size not compared",
			   (unsigned long long)(t.total >> 10));
	KUNIT_EXPECT_EQ(test, t.total, memparse(want, NULL));	/* "1G", "512M", "65536K" or bytes */
}

/* The DTB and the kernel image both sit inside RAM the DT describes. */
static void test_dtb_and_image_in_memory(struct kunit *test)
{
	struct mem_tally t = { 0 };

	of_scan_memory(tally, &t);
	KUNIT_EXPECT_TRUE(test, in_memory(&t, early_boot_info.dtb_pa, early_boot_info.dtb_size));
	KUNIT_EXPECT_TRUE(test, in_memory(&t, early_boot_info.phys_text, early_boot_info.image_size));
}

/* /memreserve/ entries as libfdt counts them all reach the scanner. */
static void test_reserved_ranges(struct kunit *test)
{
	struct mem_tally t = { 0 };
	int rsv = 0, n = fdt_num_mem_rsv(initial_boot_params);

	for (int i = 0; i < n; i++) {
		u64 a, s;

		if (fdt_get_mem_rsv(initial_boot_params, i, &a, &s) == 0 && s)
			rsv++;
	}
	KUNIT_EXPECT_GE(test, of_scan_reserved(tally, &t), rsv);
}

/* The console's address comes from reg through the ranges of every parent bus. */
static void test_stdout_translation(struct kunit *test)
{
	int node = of_stdout_node();
	u64 addr = 0, size = 0;

	KUNIT_ASSERT_TRUE(test, node >= 0);
	KUNIT_EXPECT_EQ(test, of_address_to_resource(node, 0, &addr, &size), 0);
	KUNIT_EXPECT_NE(test, addr, 0);
	KUNIT_EXPECT_NE(test, size, 0);
	/* A second reg entry that does not exist is an error, not garbage. */
	KUNIT_EXPECT_EQ(test, of_address_to_resource(node, 99, &addr, &size), -1);
}

/*
 * of_init() on broken copies of the blob in use: bad magic, less space
 * than totalsize, a structure block cut short. Each is refused with a
 * reason and the blob in use stays initial_boot_params.
 */
static void test_broken_blobs(struct kunit *test)
{
	const void *live = initial_boot_params;
	unsigned long size = fdt_totalsize(live);
	unsigned int order = 0;
	struct page *page;
	const char *why;
	char *copy;

	while ((PAGE_SIZE << order) < size)
		order++;
	page = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_TRUE(test, page != NULL);
	copy = page_address(page);

	memcpy(copy, live, size);
	copy[0] = 0;	/* magic */
	why = NULL;
	KUNIT_EXPECT_TRUE_MSG(test, of_init(copy, size, &why) < 0, "bad magic refused");
	KUNIT_EXPECT_TRUE_MSG(test, why && strstr(why, "MAGIC"), "bad magic: message says so (%s)", why ? why : "");

	memcpy(copy, live, size);
	why = NULL;
	KUNIT_EXPECT_TRUE_MSG(test, of_init(copy, size - 1, &why) < 0 && why,
			      "blob larger than its space refused (%s)", why ? why : "");

	/* Cut the structure block short: totalsize says less than the blocks need. */
	memcpy(copy, live, size);
	fdt_set_totalsize(copy, fdt_off_dt_struct(copy) + 16);
	why = NULL;
	KUNIT_EXPECT_TRUE_MSG(test, of_init(copy, size, &why) < 0 && why,
			      "truncated blob refused (%s)", why ? why : "");

	KUNIT_EXPECT_TRUE_MSG(test, initial_boot_params == live, "the blob in use is still the boot's");
	initial_boot_params = live;
	__free_pages(page, order);
}

static struct kunit_case fdt_cases[] = {
	KUNIT_CASE(test_memory_size),
	KUNIT_CASE(test_dtb_and_image_in_memory),
	KUNIT_CASE(test_reserved_ranges),
	KUNIT_CASE(test_stdout_translation),
	KUNIT_CASE(test_broken_blobs),
	{ NULL, NULL },
};

static struct kunit_suite fdt_suite = { .name = "fdt", .cases = fdt_cases };
selftest_suite(fdt_suite);
