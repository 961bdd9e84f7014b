/*
 * Reading the device tree (Linux: drivers/of/). Every read goes through
 * Debian's libfdt on the flattened blob; nodes are libfdt offsets.
 * Also built on the host, for tests against real DTBs.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>

/* The blob in use (mapped at FDT_VIRT in the kernel). */
extern const void *initial_boot_params;

/*
 * Check the blob (libfdt's fdt_check_header plus a full structure walk) and
 * adopt it. Returns 0, or a negative libfdt error with *why set to a message.
 */
int of_init(const void *fdt, size_t max_size, const char **why);

int of_find_compatible(int from, const char *compatible);
bool of_device_is_compatible(int node, const char *compatible);
const void *of_get_property(int node, const char *name, int *lenp);
bool of_property_read_u32(int node, const char *name, u32 *out);
int of_n_addr_cells(int parent);
int of_n_size_cells(int parent);
u64 of_read_number(const void *cells, int count);

/*
 * The index-th "reg" entry of node as a CPU physical address: the bus address
 * is translated through every parent's "ranges" (an empty "ranges" is 1:1).
 * Returns 0, or -1 if there is no such entry or a bus has no translation.
 */
int of_address_to_resource(int node, int index, u64 *addr, u64 *size);
/* Translate one bus address of a child of bus node parent up to the CPU. */
int of_translate_address(int parent, u64 *addr);

/* The node /chosen/stdout-path names (alias or path, ":options" dropped), or < 0. */
int of_stdout_node(void);
const char *of_model(void);
const char *of_bootargs(void);

/* index-th interrupt specifier of node: cells copied to out (up to 4), returns the cell count. */
int of_irq_get(int node, int index, u32 *out, int *parent);

#endif
