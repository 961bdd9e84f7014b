/* Host-test helpers from host_shim.c. */
#ifndef HOST_SHIM_H
#define HOST_SHIM_H
#include <linux/types.h>

/* Host tests without a log position of their own: search from the last clear. */
void host_log_clear(void);
/* True if anything printk'ed since the last clear contains needle. */
bool host_log_contains(const char *needle);
/* A 4 MiB-aligned arena of size bytes standing for physical memory at fake_base. */
void *host_ram_alloc(size_t size, phys_addr_t fake_base);
/* tests/host/host_mm.c: memblock + buddy on a fake arena at base, as the kernel boots them. */
void host_mm_boot(phys_addr_t base, unsigned long size);
/*
 * tests/host/host_dt.c: the machine the device tree at path describes,
 * booted as the kernel boots: the blob placed at dtb_pa, a "kernel image"
 * of image_size bytes at image_pa, memblock from the DT, the buddy
 * allocator started (early_boot_info filled in). Non-zero on failure.
 */
int host_dt_boot(const char *path, phys_addr_t dtb_pa, phys_addr_t image_pa, unsigned long image_size);
/* What zone_reclaimable_pages() reports on the host (0 unless a test plays reclaim). */
extern unsigned long host_reclaimable_pages;
/* Free pages with SLUB's empty slabs and the per-CPU lists given back first. */
unsigned long host_free_pages_exact(void);
/*
 * Host binaries that run self-test suites (tests/host/kunit_main.c) define
 * this: build the machine the suites run on, as the kernel's boot does
 * before `selftest` runs them; non-zero stops the binary.
 */
int selftest_host_init(void);
/*
 * Where printk's text goes instead of stdout as TAP comments, if set (a
 * tool such as tools/mm/lru-replay keeps the kernel code quiet with it).
 */
extern void (*host_printk_sink)(const char *text);
/* The whole file at path in a malloc'd buffer (its length in *size), or NULL. */
char *host_read_file(const char *path, size_t *size);

#endif
