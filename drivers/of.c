/*
 * Device tree access on top of libfdt (Linux: drivers/of/base.c, address.c,
 * irq.c, fdt.c). A node is a libfdt offset into the blob.
 */
#include <linux/types.h>
#include <linux/of.h>
#include <libfdt.h>
#include <string.h>

const void *initial_boot_params;

int of_init(const void *fdt, size_t max_size, const char **why)
{
	int err = fdt_check_header(fdt);

	if (err) {
		*why = fdt_strerror(err);
		return err;
	}
	if (fdt_totalsize(fdt) > max_size) {
		*why = "totalsize larger than the space it was given";
		return -FDT_ERR_TRUNCATED;
	}
	/* Walk every node once so a truncated or corrupt structure block is caught now. */
	for (int node = 0, depth = 0; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
		if (!fdt_get_name(fdt, node, NULL)) {
			*why = "corrupt structure block";
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
	initial_boot_params = fdt;
	return 0;
}

int of_find_compatible(int from, const char *compatible)
{
	return fdt_node_offset_by_compatible(initial_boot_params, from, compatible);
}

bool of_device_is_compatible(int node, const char *compatible)
{
	return fdt_node_check_compatible(initial_boot_params, node, compatible) == 0;
}

const void *of_get_property(int node, const char *name, int *lenp)
{
	return fdt_getprop(initial_boot_params, node, name, lenp);
}

bool of_property_read_u32(int node, const char *name, u32 *out)
{
	int len;
	const fdt32_t *p = fdt_getprop(initial_boot_params, node, name, &len);

	if (!p || len < 4)
		return false;
	*out = fdt32_to_cpu(*p);
	return true;
}

/* #address-cells and #size-cells of a bus apply to its children; defaults 2 and 1. */
int of_n_addr_cells(int parent)
{
	u32 v;

	return of_property_read_u32(parent, "#address-cells", &v) ? (int)v : 2;
}

int of_n_size_cells(int parent)
{
	u32 v;

	return of_property_read_u32(parent, "#size-cells", &v) ? (int)v : 1;
}

u64 of_read_number(const void *cells, int count)
{
	const fdt32_t *p = cells;
	u64 v = 0;

	while (count--)
		v = (v << 32) | fdt32_to_cpu(*p++);
	return v;
}

/*
 * Translate a bus address of a child of `bus` into the address space of
 * bus's parent, and so on up to the root (Linux: of_translate_address).
 */
int of_translate_address(int bus, u64 *addr)
{
	const void *fdt = initial_boot_params;

	while (bus > 0) {		/* offset 0 is the root: CPU addresses */
		int parent = fdt_parent_offset(fdt, bus);
		int len, na, pna, ns, entry;
		const fdt32_t *ranges;

		if (parent < 0)
			return -1;
		ranges = fdt_getprop(fdt, bus, "ranges", &len);
		if (!ranges)
			return -1;	/* no "ranges": the bus is not memory-mapped */
		if (len == 0) {		/* empty "ranges": identity */
			bus = parent;
			continue;
		}
		na = of_n_addr_cells(bus);
		ns = of_n_size_cells(bus);
		pna = of_n_addr_cells(parent);
		entry = na + pna + ns;
		for (int i = 0; i + entry <= len / 4; i += entry) {
			u64 child = of_read_number(ranges + i, na);
			u64 paddr = of_read_number(ranges + i + na, pna);
			u64 size = of_read_number(ranges + i + na + pna, ns);

			if (*addr >= child && *addr - child < size) {
				*addr = *addr - child + paddr;
				goto next;
			}
		}
		return -1;		/* not inside any window of this bus */
next:
		bus = parent;
	}
	return 0;
}

int of_address_to_resource(int node, int index, u64 *addr, u64 *size)
{
	const void *fdt = initial_boot_params;
	int parent = fdt_parent_offset(fdt, node);
	int na, ns, len;
	const fdt32_t *reg;

	if (parent < 0)
		return -1;
	na = of_n_addr_cells(parent);
	ns = of_n_size_cells(parent);
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || (index + 1) * (na + ns) * 4 > len)
		return -1;
	reg += index * (na + ns);
	*addr = of_read_number(reg, na);
	*size = of_read_number(reg + na, ns);
	return of_translate_address(parent, addr);
}

int of_stdout_node(void)
{
	const void *fdt = initial_boot_params;
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path, *colon;
	int len;

	if (chosen < 0)
		return chosen;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		path = fdt_getprop(fdt, chosen, "linux,stdout-path", &len);
	if (!path)
		return -FDT_ERR_NOTFOUND;
	colon = strchr(path, ':');
	/* fdt_path_offset_namelen resolves an alias when the path has no leading '/'. */
	return fdt_path_offset_namelen(fdt, path, colon ? (int)(colon - path) : (int)strlen(path));
}

const char *of_model(void)
{
	const char *model = fdt_getprop(initial_boot_params, 0, "model", NULL);

	return model ? model : "(no model property)";
}

const char *of_bootargs(void)
{
	int chosen = fdt_path_offset(initial_boot_params, "/chosen");
	const char *args = chosen >= 0 ? fdt_getprop(initial_boot_params, chosen, "bootargs", NULL) : NULL;

	return args ? args : "";
}

/* Follow interrupt-parent up the tree: the property may sit on any ancestor. */
static int of_irq_parent(int node)
{
	const void *fdt = initial_boot_params;
	u32 phandle;

	for (; node >= 0; node = fdt_parent_offset(fdt, node))
		if (of_property_read_u32(node, "interrupt-parent", &phandle))
			return fdt_node_offset_by_phandle(fdt, phandle);
	return -1;
}

int of_irq_get(int node, int index, u32 *out, int *parent)
{
	const fdt32_t *irqs;
	int len, cells;
	u32 ncells;

	*parent = of_irq_parent(node);
	if (*parent < 0 || !of_property_read_u32(*parent, "#interrupt-cells", &ncells) || ncells > 4)
		return -1;
	cells = (int)ncells;
	irqs = of_get_property(node, "interrupts", &len);
	if (!irqs || (index + 1) * cells * 4 > len)
		return -1;
	for (int i = 0; i < cells; i++)
		out[i] = fdt32_to_cpu(irqs[index * cells + i]);
	return cells;
}
