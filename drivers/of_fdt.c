/*
 * What the device tree says about memory (Linux: drivers/of/fdt.c,
 * early_init_dt_scan_memory, and of_reserved_mem.c):
 *   - every node with device_type = "memory": its "reg" ranges are RAM;
 *   - the /memreserve/ block of the blob header: ranges firmware keeps;
 *   - children of /reserved-memory with a "reg": ranges to keep, "no-map"
 *     ones also left out of the linear map.
 */
#include <linux/types.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <libfdt.h>
#include <string.h>

int of_scan_memory(of_range_fn fn, void *arg)
{
	const void *fdt = initial_boot_params;
	int count = 0, na = of_n_addr_cells(0), ns = of_n_size_cells(0);

	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0; node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len;

		if (!type || strcmp(type, "memory") != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		for (int i = 0; (i + 1) * (na + ns) * 4 <= len; i++) {
			u64 base = of_read_number(reg + i * (na + ns), na);
			u64 size = of_read_number(reg + i * (na + ns) + na, ns);

			if (size == 0)	/* e.g. the Pi 4 DTB: the firmware fills it in */
				continue;
			fn(base, size, false, fdt_get_name(fdt, node, NULL), arg);
			count++;
		}
	}
	return count;
}

int of_scan_reserved(of_range_fn fn, void *arg)
{
	const void *fdt = initial_boot_params;
	int count = 0, n = fdt_num_mem_rsv(fdt), parent, na, ns;

	for (int i = 0; i < n; i++) {
		u64 base, size;

		if (fdt_get_mem_rsv(fdt, i, &base, &size) == 0 && size) {
			fn(base, size, false, "/memreserve/", arg);
			count++;
		}
	}
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return count;
	na = of_n_addr_cells(parent);
	ns = of_n_size_cells(parent);
	for (int node = fdt_first_subnode(fdt, parent); node >= 0; node = fdt_next_subnode(fdt, node)) {
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;
		const char *status = fdt_getprop(fdt, node, "status", NULL);
		const fdt32_t *reg;
		int len;

		if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg) {
			/* A "size"/"alloc-ranges" request for dynamic placement: not supported. */
			fn(0, 0, nomap, fdt_get_name(fdt, node, NULL), arg);
			continue;
		}
		for (int i = 0; (i + 1) * (na + ns) * 4 <= len; i++) {
			u64 base = of_read_number(reg + i * (na + ns), na);
			u64 size = of_read_number(reg + i * (na + ns) + na, ns);

			fn(base, size, nomap, fdt_get_name(fdt, node, NULL), arg);
			count++;
		}
	}
	return count;
}

bool of_initrd(u64 *start, u64 *end)
{
	int chosen = fdt_path_offset(initial_boot_params, "/chosen");
	const void *s, *e;
	int slen, elen;

	if (chosen < 0)
		return false;
	s = fdt_getprop(initial_boot_params, chosen, "linux,initrd-start", &slen);
	e = fdt_getprop(initial_boot_params, chosen, "linux,initrd-end", &elen);
	if (!s || !e)
		return false;
	*start = of_read_number(s, slen / 4);
	*end = of_read_number(e, elen / 4);
	return *end > *start;
}

int of_scan_spin_tables(of_spin_table_fn fn, void *arg)
{
	const void *fdt = initial_boot_params;
	int cpus = fdt_path_offset(fdt, "/cpus"), n = 0;

	if (cpus < 0)
		return 0;
	for (int cpu = fdt_first_subnode(fdt, cpus); cpu >= 0; cpu = fdt_next_subnode(fdt, cpu)) {
		const char *method = fdt_getprop(fdt, cpu, "enable-method", NULL);
		const void *rel, *reg;
		int len, rlen;

		if (!method || strcmp(method, "spin-table") != 0)
			continue;
		rel = fdt_getprop(fdt, cpu, "cpu-release-addr", &len);
		if (!rel || (len != 4 && len != 8))
			continue;
		reg = fdt_getprop(fdt, cpu, "reg", &rlen);
		fn(fdt_get_name(fdt, cpu, NULL), reg && rlen >= 4 ? of_read_number(reg, rlen / 4) : ~0ULL,
		   of_read_number(rel, len / 4), arg);
		n++;
	}
	return n;
}

int of_scan_cpus(of_cpu_fn fn, void *arg)
{
	const void *fdt = initial_boot_params;
	int cpus = fdt_path_offset(fdt, "/cpus"), n = 0;

	if (cpus < 0)
		return 0;
	for (int cpu = fdt_first_subnode(fdt, cpus); cpu >= 0; cpu = fdt_next_subnode(fdt, cpu)) {
		const char *type = fdt_getprop(fdt, cpu, "device_type", NULL);
		const char *status = fdt_getprop(fdt, cpu, "status", NULL);
		const void *rel, *reg;
		int len = 0, rlen;

		/* /cpus also holds cpu-map and l2-cache nodes (the Pi's DTBs). */
		if (!type || strcmp(type, "cpu") != 0)
			continue;
		if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
			continue;
		reg = fdt_getprop(fdt, cpu, "reg", &rlen);
		if (!reg || rlen < 4)
			continue;
		rel = fdt_getprop(fdt, cpu, "cpu-release-addr", &len);
		fn(fdt_get_name(fdt, cpu, NULL), of_read_number(reg, rlen / 4),
		   fdt_getprop(fdt, cpu, "enable-method", NULL),
		   rel && (len == 4 || len == 8) ? of_read_number(rel, len / 4) : 0, arg);
		n++;
	}
	return n;
}
