/*
 * The host-only suite "rpi_host" (include/linux/selftest.h): the kernel's
 * device-tree code (drivers/of.c, of_fdt.c) on the Raspberry Pi DTBs Debian ships in its arm64 kernel package
 * (linux-image-VERSION-arm64, folder /usr/lib/linux-image-VERSION/broadcom), unpacked by
 * `scripts/deps.sh rpi` into build/rpi/dtb/:
 *   bcm2711-rpi-4-b.dtb  what the Pi 4 firmware hands the kernel (after it
 *                        fills in /memory, which is empty in the file)
 *   bcm2837-rpi-3-b.dtb  what QEMU -M raspi3b gets with -dtb (make rpi3-test)
 * Each check is something the kernel derives at boot: the console UART by
 * /chosen/stdout-path, bus addresses translated through /soc "ranges", the
 * interrupt controller and the timer's interrupts, the spin-table release
 * addresses of the parked secondary cores, /memreserve/ and /memory.
 * Host-only because each case checks the exact contents of one Debian blob
 * read from a file; a kernel booted on a Pi reads whatever its firmware
 * hands it, and the shared suite fdt (drivers/of_test.c) checks that
 * (`make rpi4-test` runs it there).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/selftest.h>
#include "host_shim.h"

/* Read RPI_DTB_DIR/NAME and adopt it (of_init); NULL after a failed check. */
static char *load(struct kunit *test, const char *name)
{
	char path[256];
	const char *why = NULL;
	size_t size = 0;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", RPI_DTB_DIR, name);
	buf = host_read_file(path, &size);
	if (!KUNIT_EXPECT_TRUE_MSG(test, buf, "read %s (make fetches it: bash scripts/deps.sh rpi)", path) ||
	    !KUNIT_EXPECT_EQ_MSG(test, of_init(buf, size, &why), 0, "%s: of_init accepts Debian's blob%s%s", name,
				 why ? ": " : "", why ? why : "")) {
		free(buf);
		return NULL;
	}
	return buf;
}

struct range { u64 base, size; bool nomap; char name[32]; };
struct ranges { int n; struct range r[8]; };

static void collect(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	struct ranges *rs = arg;

	if (rs->n < 8) {
		rs->r[rs->n].base = base;
		rs->r[rs->n].size = size;
		rs->r[rs->n].nomap = nomap;
		snprintf(rs->r[rs->n].name, sizeof(rs->r[rs->n].name), "%s", name);
	}
	rs->n++;
}

/* CPU address of the index-th reg entry of node, or ~0 if it does not translate. */
static u64 reg_addr(int node, int index)
{
	u64 addr, size;

	return of_address_to_resource(node, index, &addr, &size) == 0 ? addr : ~0ULL;
}

/* The node an alias names (libfdt resolves a path without '/' as an alias). */
static int alias_node(const char *alias)
{
	return fdt_path_offset(initial_boot_params, alias);
}

/*
 * The console the kernel picks (drivers/serial.c): stdout-path's node if it
 * is a UART we drive. Returns its CPU address, checks the driver match.
 */
static void check_console(struct kunit *test, const char *board, const char *compatible, u64 want)
{
	int node = of_stdout_node();

	KUNIT_EXPECT_TRUE_MSG(test, node >= 0, "%s: /chosen/stdout-path resolves (alias with :115200n8 options)", board);
	KUNIT_EXPECT_TRUE_MSG(test, of_device_is_compatible(node, compatible), "%s: stdout is %s", board, compatible);
	KUNIT_EXPECT_EQ_MSG(test, reg_addr(node, 0), want, "%s: console UART at CPU address 0x%llx", board,
	       (unsigned long long)want);
}

static void check_pl011(struct kunit *test, const char *board, u64 want)
{
	int node = alias_node("serial0");

	KUNIT_EXPECT_TRUE_MSG(test, of_device_is_compatible(node, "arm,pl011"), "%s: serial0 is the PL011 (uart0)", board);
	KUNIT_EXPECT_EQ_MSG(test, reg_addr(node, 0), want, "%s: PL011 at CPU address 0x%llx", board, (unsigned long long)want);
	/* Without a usable stdout-path the kernel falls back to the first arm,pl011. */
	KUNIT_EXPECT_EQ_MSG(test, of_find_compatible(-1, "arm,pl011"), node, "%s: uart0 is the first arm,pl011 in the tree", board);
}

/* The four cores are parked by the firmware on spin-table release addresses. */
static void check_spin_table(struct kunit *test, const char *board)
{
	static const u64 want[4] = { 0xd8, 0xe0, 0xe8, 0xf0 };

	for (int cpu = 0; cpu < 4; cpu++) {
		char path[32];
		int node, len;
		const char *method;
		const void *rel;

		snprintf(path, sizeof(path), "/cpus/cpu@%d", cpu);
		node = fdt_path_offset(initial_boot_params, path);
		method = node >= 0 ? of_get_property(node, "enable-method", NULL) : NULL;
		KUNIT_EXPECT_TRUE_MSG(test, method && strcmp(method, "spin-table") == 0, "%s: %s enable-method = \"spin-table\"", board, path);
		rel = node >= 0 ? of_get_property(node, "cpu-release-addr", &len) : NULL;
		KUNIT_EXPECT_TRUE_MSG(test, rel && len == 8, "%s: %s cpu-release-addr is one 64-bit value", board, path);
		KUNIT_EXPECT_EQ_MSG(test, rel ? of_read_number(rel, len / 4) : ~0ULL, want[cpu],
		       "%s: %s release address 0x%llx", board, path, (unsigned long long)want[cpu]);
	}
}

/* /memreserve/ 0x0 0x1000 keeps the spin-table page (and the release addresses) away from us. */
static void check_memreserve(struct kunit *test, const char *board, struct ranges *rsv)
{
	int found = 0;

	for (int i = 0; i < rsv->n && i < 8; i++)
		if (strcmp(rsv->r[i].name, "/memreserve/") == 0) {
			found++;
			KUNIT_EXPECT_EQ_MSG(test, rsv->r[i].base, 0, "%s: /memreserve/ base 0x0", board);
			KUNIT_EXPECT_EQ_MSG(test, rsv->r[i].size, 0x1000, "%s: /memreserve/ size 0x1000 (covers 0xd8..0xf7)", board);
		}
	KUNIT_EXPECT_EQ_MSG(test, found, 1, "%s: exactly one /memreserve/ entry", board);
}

static void test_rpi4(struct kunit *test)
{
	const char *b = "rpi4";
	char *fdt = load(test, "bcm2711-rpi-4-b.dtb");
	struct ranges mem = { 0 }, rsv = { 0 };
	u32 cells[4];
	int node, gic, parent, len;
	const fdt32_t *reg;

	KUNIT_ASSERT_TRUE(test, fdt != NULL);
	KUNIT_EXPECT_STREQ(test, of_model(), "Raspberry Pi 4 Model B");
	check_console(test, b, "brcm,bcm2835-aux-uart", 0xfe215040);
	check_pl011(test, b, 0xfe201000);

	/* The interrupt controller: kernel/irq.c takes the first of gic-v3, a15-gic, gic-400, bcm2836. */
	KUNIT_EXPECT_TRUE_MSG(test, of_find_compatible(-1, "arm,gic-v3") < 0 && of_find_compatible(-1, "arm,cortex-a15-gic") < 0,
	   "%s: no GICv3 / a15-gic node, so the kernel takes the gic-400", b);
	gic = of_find_compatible(-1, "arm,gic-400");
	KUNIT_EXPECT_TRUE_MSG(test, gic >= 0 && of_get_property(gic, "interrupt-controller", NULL), "%s: arm,gic-400 interrupt controller", b);
	KUNIT_EXPECT_EQ_MSG(test, reg_addr(gic, 0), 0xff841000, "%s: GIC distributor at 0xff841000 (bus 0x40041000 via /soc ranges)", b);
	KUNIT_EXPECT_EQ_MSG(test, reg_addr(gic, 1), 0xff842000, "%s: GIC CPU interface at 0xff842000", b);

	/* The generic timer's four PPIs: secure phys, phys, virt (the one we use), hyp. */
	node = of_find_compatible(-1, "arm,armv8-timer");
	KUNIT_EXPECT_TRUE_MSG(test, node >= 0, "%s: arm,armv8-timer node", b);
	{
		static const u32 ppi[4] = { 13, 14, 11, 10 };

		for (int i = 0; i < 4; i++) {
			KUNIT_EXPECT_EQ_MSG(test, of_irq_get(node, i, cells, &parent), 3, "%s: timer interrupt %d has 3 cells", b, i);
			KUNIT_EXPECT_TRUE_MSG(test, cells[0] == 1 && cells[1] == ppi[i], "%s: timer interrupt %d is PPI %u (got %u %u)",
			   b, i, ppi[i], cells[0], cells[1]);
			KUNIT_EXPECT_EQ_MSG(test, parent, gic, "%s: timer interrupt %d goes to the GIC (root interrupt-parent)", b, i);
		}
	}

	check_spin_table(test, b);

	/* /memory: present but size 0 -- the firmware fills it in. */
	node = fdt_path_offset(fdt, "/memory@0");
	reg = node >= 0 ? of_get_property(node, "reg", &len) : NULL;
	KUNIT_EXPECT_TRUE_MSG(test, reg && len == 12 && of_read_number(reg + 2, 1) == 0, "%s: /memory@0 reg is <0 0 0> in the file", b);
	KUNIT_EXPECT_EQ_MSG(test, of_scan_memory(collect, &mem), 0,
	       "%s: of_scan_memory finds no RAM (start_kernel panics: no usable /memory node)", b);

	KUNIT_EXPECT_EQ_MSG(test, of_scan_reserved(collect, &rsv), 1, "%s: one reserved range with a reg", b);
	check_memreserve(test, b, &rsv);
	KUNIT_EXPECT_TRUE_MSG(test, rsv.n == 2 && rsv.r[1].size == 0 && strcmp(rsv.r[1].name, "linux,cma") == 0,
	   "%s: linux,cma (size only) reported as dynamic; disabled nvram@0 skipped", b);
	free(fdt);
}

static void test_rpi3(struct kunit *test)
{
	const char *b = "rpi3";
	char *fdt = load(test, "bcm2837-rpi-3-b.dtb");
	struct ranges mem = { 0 }, rsv = { 0 };
	u32 cells[4];
	int node, intc, parent;

	KUNIT_ASSERT_TRUE(test, fdt != NULL);
	KUNIT_EXPECT_STREQ(test, of_model(), "Raspberry Pi 3 Model B");
	check_console(test, b, "brcm,bcm2835-aux-uart", 0x3f215040);
	check_pl011(test, b, 0x3f201000);

	KUNIT_EXPECT_TRUE_MSG(test, of_find_compatible(-1, "arm,gic-v3") < 0 && of_find_compatible(-1, "arm,cortex-a15-gic") < 0 &&
	   of_find_compatible(-1, "arm,gic-400") < 0, "%s: no GIC", b);
	intc = of_find_compatible(-1, "brcm,bcm2836-l1-intc");
	KUNIT_EXPECT_TRUE_MSG(test, intc >= 0 && of_get_property(intc, "interrupt-controller", NULL),
	   "%s: brcm,bcm2836-l1-intc interrupt controller", b);
	KUNIT_EXPECT_EQ_MSG(test, reg_addr(intc, 0), 0x40000000, "%s: local controller at 0x40000000 (second /soc ranges window)", b);

	/* arch_timer_init falls back to arm,armv7-timer; index 2 is the virtual timer. */
	KUNIT_EXPECT_TRUE_MSG(test, of_find_compatible(-1, "arm,armv8-timer") < 0, "%s: no armv8-timer node", b);
	node = of_find_compatible(-1, "arm,armv7-timer");
	KUNIT_EXPECT_TRUE_MSG(test, node >= 0, "%s: arm,armv7-timer node", b);
	KUNIT_EXPECT_EQ_MSG(test, of_irq_get(node, 2, cells, &parent), 2, "%s: timer interrupt has 2 cells", b);
	KUNIT_EXPECT_EQ_MSG(test, cells[0], 3, "%s: virtual timer is CNTVIRQ (bcm2836 source 3)", b);
	KUNIT_EXPECT_EQ_MSG(test, parent, intc, "%s: timer interrupts go to the bcm2836 local controller", b);
	KUNIT_EXPECT_EQ_MSG(test, of_irq_get(node, 1, cells, &parent), 2, "%s: physical timer interrupt", b);
	KUNIT_EXPECT_EQ_MSG(test, cells[0], 1, "%s: non-secure physical timer is CNTPNSIRQ (source 1)", b);

	check_spin_table(test, b);

	KUNIT_EXPECT_EQ_MSG(test, of_scan_memory(collect, &mem), 1, "%s: one /memory range", b);
	KUNIT_EXPECT_TRUE_MSG(test, mem.r[0].base == 0 && mem.r[0].size == 0x40000000, "%s: /memory 0x0..0x3fffffff in the file", b);
	of_scan_reserved(collect, &rsv);
	check_memreserve(test, b, &rsv);
	free(fdt);
}

/* No machine: each case adopts its board's blob. */
int selftest_host_init(void)
{
	return 0;
}

static struct kunit_case rpi_host_cases[] = {
	KUNIT_CASE(test_rpi4),
	KUNIT_CASE(test_rpi3),
	{ NULL, NULL },
};

static struct kunit_suite rpi_host_suite = { .name = "rpi_host", .cases = rpi_host_cases };
selftest_suite(rpi_host_suite);
