/*
 * Host tests of the kernel's device-tree code (drivers/of.c, of_fdt.c) on
 * real blobs: QEMU virt's (dumped by QEMU itself), the same without /memory,
 * a made-up machine with nested bus "ranges", and broken blobs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include "tap.h"
#include "host_shim.h"

static char *load(const char *name, size_t *size)
{
	char path[256];
	FILE *f;
	char *buf = malloc(1 << 21);

	snprintf(path, sizeof(path), "%s/%s", DTB_DIR, name);
	f = fopen(path, "rb");
	if (!f || !buf) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	*size = fread(buf, 1, 1 << 21, f);
	fclose(f);
	return buf;
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

static void test_virt(void)
{
	size_t size;
	char *fdt = load("virt.dtb", &size);
	const char *why = NULL;
	struct ranges mem = { 0 }, rsv = { 0 };
	u64 addr, len;
	u32 cells[4];
	int node, parent;

	is_int(of_init(fdt, size, &why), 0, "virt: of_init accepts QEMU's blob");
	is_str(of_model(), "linux,dummy-virt", "virt: model");
	is_int(of_scan_memory(collect, &mem), 1, "virt: one /memory range");
	is_int(mem.base[0], 0x40000000, "virt: RAM base");
	is_int(mem.size[0], 1UL << 30, "virt: RAM size (-m 1G)");
	is_int(of_scan_reserved(collect, &rsv), 0, "virt: nothing reserved");
	node = of_stdout_node();
	ok(node >= 0, "virt: stdout-path resolves");
	ok(of_device_is_compatible(node, "arm,pl011"), "virt: stdout is a PL011");
	is_int(of_address_to_resource(node, 0, &addr, &len), 0, "virt: UART reg translates");
	is_int(addr, 0x09000000, "virt: UART at 0x09000000");
	node = of_find_compatible(-1, "arm,armv8-timer");
	ok(node >= 0, "virt: timer node");
	is_int(of_irq_get(node, 2, cells, &parent), 3, "virt: timer interrupt has 3 cells");
	is_int(cells[0], 1, "virt: virtual timer is a PPI");
	is_int(cells[1], 11, "virt: virtual timer is PPI 11 (INTID 27)");
	ok(of_device_is_compatible(parent, "arm,cortex-a15-gic"), "virt: its parent is the GIC");
	free(fdt);
}

static void test_nomem(void)
{
	size_t size;
	char *fdt = load("virt-nomem.dtb", &size);
	const char *why = NULL;
	struct ranges mem = { 0 };

	is_int(of_init(fdt, size, &why), 0, "nomem: blob is valid");
	is_int(of_scan_memory(collect, &mem), 0, "nomem: no /memory range found (the kernel panics on this)");
	free(fdt);
}

static void test_buses(void)
{
	size_t size;
	char *fdt = load("buses.dtb", &size);
	const char *why = NULL;
	struct ranges mem = { 0 }, rsv = { 0 };
	u64 addr, len;
	int node;

	is_int(of_init(fdt, size, &why), 0, "buses: of_init");
	is_int(of_scan_memory(collect, &mem), 2, "buses: two RAM ranges in one reg");
	is_int(mem.base[1], 0x40000000, "buses: second range base");
	is_int(of_scan_reserved(collect, &rsv), 2, "buses: /memreserve/ + one reserved-memory reg");
	is_int(rsv.base[0], 0, "buses: /memreserve/ base");
	is_int(rsv.size[0], 0x1000, "buses: /memreserve/ size");
	is_int(rsv.base[1], 0x3b400000, "buses: reserved-memory child base");
	ok(rsv.nomap[1], "buses: no-map honoured");
	ok(rsv.n == 3 && rsv.size[2] == 0, "buses: a dynamic (size-only) reservation is reported, not mapped");
	node = of_stdout_node();
	ok(of_device_is_compatible(node, "brcm,bcm2835-aux-uart"), "buses: stdout-path alias with options");
	is_int(of_address_to_resource(node, 0, &addr, &len), 0, "buses: aux UART translates");
	is_int(addr, 0xfe215040, "buses: bus 0x7e215040 -> CPU 0xfe215040");
	node = of_find_compatible(-1, "test,inner");
	is_int(of_address_to_resource(node, 0, &addr, &len), 0, "buses: two levels of ranges");
	is_int(addr, 0xfe300100, "buses: 0x100 -> 0x7e300100 -> 0xfe300100");
	node = of_find_compatible(-1, "test,unmapped");
	is_int(of_address_to_resource(node, 0, &addr, &len), -1, "buses: a bus without ranges does not translate");
	is_str(of_bootargs(), "hz=250 foo", "buses: bootargs");
	free(fdt);
}

static void test_broken(void)
{
	size_t size;
	char *fdt = load("virt.dtb", &size);
	char *copy = malloc(size);
	const char *why = NULL;

	memcpy(copy, fdt, size);
	copy[0] = 0;	/* magic */
	ok(of_init(copy, size, &why) < 0, "bad magic refused");
	ok(why && strstr(why, "MAGIC"), "bad magic: message says so (%s)", why ? why : "");
	memcpy(copy, fdt, size);
	why = NULL;
	ok(of_init(copy, fdt_totalsize(fdt) - 1, &why) < 0, "blob larger than its space refused (%s)", why ? why : "");
	memcpy(copy, fdt, size);
	/* Cut the structure block short: totalsize says less than the blocks need. */
	fdt_set_totalsize(copy, fdt_off_dt_struct(copy) + 16);
	why = NULL;
	ok(of_init(copy, size, &why) < 0, "truncated blob refused (%s)", why ? why : "");
	free(copy);
	free(fdt);
}

int main(void)
{
	test_virt();
	test_nomem();
	test_buses();
	test_broken();
	return done_testing();
}
