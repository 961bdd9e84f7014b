/*
 * The host-only device-tree suite "of_host", and the machine on which it
 * and the shared suite "fdt" (drivers/of_test.c) run in build/host/test_of
 * (include/linux/selftest.h tells how suites run on the host): the kernel's
 * DT code (drivers/of.c, of_fdt.c) on tests/host/dts/twobank.dts, booted as
 * the kernel boots (tests/host/host_dt.c).
 *
 * Why each case runs on the host only: each adopts another blob, read from
 * a file, and checks what that blob holds exactly, which no booted kernel
 * has to read:
 *   test_virt    QEMU's own virt blob (dumped by QEMU, -m 1G): the model,
 *                RAM, the PL011 console, the timer's PPI and its GIC
 *   test_nomem   the same without /memory: no RAM found (the kernel panics)
 *   test_buses   a made-up machine (tests/host/dts/buses.dts): two RAM
 *                ranges in one reg, /memreserve/, no-map and dynamic
 *                reservations, a UART behind two levels of "ranges", a bus
 *                without ranges, an aliased stdout-path, bootargs
 * After each, the exit hook adopts the machine's blob again, for fdt.
 * (The broken blobs, made from the blob in use, are fdt's test_broken_blobs.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/selftest.h>
#include <asm/boot_info.h>
#include "host_shim.h"

#define DTB_PA		0x40000000UL	/* where QEMU's virt puts it: the start of RAM */
#define IMAGE_PA	0x40200000UL
#define IMAGE_SIZE	0x281000UL

int selftest_host_init(void)
{
	return host_dt_boot(DTB_DIR "/twobank.dtb", DTB_PA, IMAGE_PA, IMAGE_SIZE);
}

/* Read build/dtb/NAME and adopt it (of_init); NULL after a failed check. */
static char *load(struct kunit *test, const char *name)
{
	char path[256];
	const char *why = NULL;
	size_t size = 0;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", DTB_DIR, name);
	buf = host_read_file(path, &size);
	if (!KUNIT_EXPECT_TRUE_MSG(test, buf, "read %s", path) ||
	    !KUNIT_EXPECT_EQ_MSG(test, of_init(buf, size, &why), 0, "%s: of_init accepts it (%s)", name,
				 why ? why : "")) {
		free(buf);
		return NULL;
	}
	return buf;
}

static char *loaded;	/* the blob a case adopted, freed by the exit hook */

/* After each case: the machine's blob in use again. */
static void of_host_exit(struct kunit *test)
{
	const char *why = NULL;

	KUNIT_EXPECT_EQ_MSG(test, of_init(__va(early_boot_info.dtb_pa), early_boot_info.dtb_size, &why), 0,
			    "the machine's blob adopted again (%s)", why ? why : "");
	free(loaded);
	loaded = NULL;
}

struct ranges { int n; u64 base[8], size[8]; bool nomap[8]; };

static void collect(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct ranges *r = arg;

	if (r->n < 8) {
		r->base[r->n] = base;
		r->size[r->n] = size;
		r->nomap[r->n] = nomap;
	}
	r->n++;
}

static void test_virt(struct kunit *test)
{
	struct ranges mem = { 0 }, rsv = { 0 };
	u64 addr, len;
	u32 cells[4];
	int node, parent;

	loaded = load(test, "virt.dtb");
	KUNIT_ASSERT_TRUE(test, loaded != NULL);
	KUNIT_EXPECT_STREQ(test, of_model(), "linux,dummy-virt");
	KUNIT_EXPECT_EQ_MSG(test, of_scan_memory(collect, &mem), 1, "virt: one /memory range");
	KUNIT_EXPECT_EQ_MSG(test, mem.base[0], 0x40000000, "virt: RAM base");
	KUNIT_EXPECT_EQ_MSG(test, mem.size[0], 1UL << 30, "virt: RAM size (-m 1G)");
	KUNIT_EXPECT_EQ_MSG(test, of_scan_reserved(collect, &rsv), 0, "virt: nothing reserved");
	node = of_stdout_node();
	KUNIT_EXPECT_TRUE_MSG(test, node >= 0, "virt: stdout-path resolves");
	KUNIT_EXPECT_TRUE_MSG(test, of_device_is_compatible(node, "arm,pl011"), "virt: stdout is a PL011");
	KUNIT_EXPECT_EQ_MSG(test, of_address_to_resource(node, 0, &addr, &len), 0, "virt: UART reg translates");
	KUNIT_EXPECT_EQ_MSG(test, addr, 0x09000000, "virt: UART at 0x09000000");
	node = of_find_compatible(-1, "arm,armv8-timer");
	KUNIT_EXPECT_TRUE_MSG(test, node >= 0, "virt: timer node");
	KUNIT_EXPECT_EQ_MSG(test, of_irq_get(node, 2, cells, &parent), 3, "virt: timer interrupt has 3 cells");
	KUNIT_EXPECT_EQ_MSG(test, cells[0], 1, "virt: virtual timer is a PPI");
	KUNIT_EXPECT_EQ_MSG(test, cells[1], 11, "virt: virtual timer is PPI 11 (INTID 27)");
	KUNIT_EXPECT_TRUE_MSG(test, of_device_is_compatible(parent, "arm,cortex-a15-gic"), "virt: its parent is the GIC");
}

static void test_nomem(struct kunit *test)
{
	struct ranges mem = { 0 };

	loaded = load(test, "virt-nomem.dtb");
	KUNIT_ASSERT_TRUE(test, loaded != NULL);
	KUNIT_EXPECT_EQ_MSG(test, of_scan_memory(collect, &mem), 0,
			    "nomem: no /memory range found (the kernel panics on this)");
}

static void test_buses(struct kunit *test)
{
	struct ranges mem = { 0 }, rsv = { 0 };
	u64 addr, len;
	int node;

	loaded = load(test, "buses.dtb");
	KUNIT_ASSERT_TRUE(test, loaded != NULL);
	KUNIT_EXPECT_EQ_MSG(test, of_scan_memory(collect, &mem), 2, "buses: two RAM ranges in one reg");
	KUNIT_EXPECT_EQ_MSG(test, mem.base[1], 0x40000000, "buses: second range base");
	KUNIT_EXPECT_EQ_MSG(test, of_scan_reserved(collect, &rsv), 2, "buses: /memreserve/ + one reserved-memory reg");
	KUNIT_EXPECT_EQ_MSG(test, rsv.base[0], 0, "buses: /memreserve/ base");
	KUNIT_EXPECT_EQ_MSG(test, rsv.size[0], 0x1000, "buses: /memreserve/ size");
	KUNIT_EXPECT_EQ_MSG(test, rsv.base[1], 0x3b400000, "buses: reserved-memory child base");
	KUNIT_EXPECT_TRUE_MSG(test, rsv.nomap[1], "buses: no-map honoured");
	KUNIT_EXPECT_TRUE_MSG(test, rsv.n == 3 && rsv.size[2] == 0,
			      "buses: a dynamic (size-only) reservation is reported, not mapped");
	node = of_stdout_node();
	KUNIT_EXPECT_TRUE_MSG(test, of_device_is_compatible(node, "brcm,bcm2835-aux-uart"),
			      "buses: stdout-path alias with options");
	KUNIT_EXPECT_EQ_MSG(test, of_address_to_resource(node, 0, &addr, &len), 0, "buses: aux UART translates");
	KUNIT_EXPECT_EQ_MSG(test, addr, 0xfe215040, "buses: bus 0x7e215040 -> CPU 0xfe215040");
	node = of_find_compatible(-1, "test,inner");
	KUNIT_EXPECT_EQ_MSG(test, of_address_to_resource(node, 0, &addr, &len), 0, "buses: two levels of ranges");
	KUNIT_EXPECT_EQ_MSG(test, addr, 0xfe300100, "buses: 0x100 -> 0x7e300100 -> 0xfe300100");
	node = of_find_compatible(-1, "test,unmapped");
	KUNIT_EXPECT_EQ_MSG(test, of_address_to_resource(node, 0, &addr, &len), -1,
			    "buses: a bus without ranges does not translate");
	KUNIT_EXPECT_STREQ(test, of_bootargs(), "hz=250 foo");
}

static struct kunit_case of_host_cases[] = {
	KUNIT_CASE(test_virt),
	KUNIT_CASE(test_nomem),
	KUNIT_CASE(test_buses),
	{ NULL, NULL },
};

static struct kunit_suite of_host_suite = {
	.name = "of_host",
	.cases = of_host_cases,
	.exit = of_host_exit,
};
selftest_suite(of_host_suite);
