/* Memory layout from the device tree (drivers/of_fdt.c). */
#ifndef _LINUX_OF_FDT_H
#define _LINUX_OF_FDT_H
#include <linux/types.h>

/* size == 0 from of_scan_reserved: a dynamic reservation without "reg" (unsupported). */
typedef void (*of_range_fn)(u64 base, u64 size, bool nomap, const char *name, void *arg);

/* Call fn for every /memory reg range with a non-zero size; returns how many. */
int of_scan_memory(of_range_fn fn, void *arg);
/* Call fn for every /memreserve/ entry and /reserved-memory child range; returns how many. */
int of_scan_reserved(of_range_fn fn, void *arg);
/* The initrd /chosen names (linux,initrd-start/end), if any. */
bool of_initrd(u64 *start, u64 *end);

/*
 * Call fn for each /cpus node with enable-method "spin-table" and a 4- or
 * 8-byte cpu-release-addr: its name, its hardware id (reg; ~0 if absent)
 * and the release word's physical address. Returns how many.
 */
typedef void (*of_spin_table_fn)(const char *name, u64 hwid, u64 release_addr, void *arg);
int of_scan_spin_tables(of_spin_table_fn fn, void *arg);

/*
 * Call fn for each /cpus node with device_type "cpu", a reg and a status
 * that is absent or "okay", in device-tree order: its name, hardware id
 * (reg: MPIDR affinity), enable-method (NULL if absent) and
 * cpu-release-addr (0 if absent). Returns how many.
 */
typedef void (*of_cpu_fn)(const char *name, u64 hwid, const char *enable_method, u64 release_addr,
			  void *arg);
int of_scan_cpus(of_cpu_fn fn, void *arg);

#endif
