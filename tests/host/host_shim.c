/*
 * What kernel code expects from the rest of the kernel, provided for host
 * unit tests: printk (to stdout as TAP comments, and into a capture buffer a
 * test can search), panic (aborts, so ASan prints a stack) and the fake
 * physical-memory offset used by asm/memory.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host_shim.h"

unsigned long host_va_offset;

static char host_log[1 << 16];
static size_t host_log_len;

int vprintk(const char *fmt, va_list ap)
{
	char line[1024];
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = strlen(line);

	if (host_log_len + len + 1 < sizeof(host_log)) {
		memcpy(host_log + host_log_len, line, len + 1);
		host_log_len += len;
	}
	/* TAP treats lines starting with '#' as comments. */
	for (char *s = line; *s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		if (*s)
			printf("# %s\n", s);
		if (!nl)
			break;
		s = nl + 1;
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("# Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	abort();
}

void host_log_clear(void)
{
	host_log_len = 0;
	host_log[0] = 0;
}

bool host_log_contains(const char *needle)
{
	return strstr(host_log, needle) != NULL;
}

void *host_ram_alloc(size_t size, phys_addr_t fake_base)
{
	void *ram = aligned_alloc(1UL << 22, size);

	if (!ram)
		abort();
	memset(ram, 0xcc, size);
	host_va_offset = (unsigned long)ram - fake_base;
	return ram;
}

struct zone;

/*
 * Reclaim as the allocator sees it (mm/vmscan.c is not linked into host
 * tests): no task is ever reclaiming, and host_reclaimable_pages are
 * reclaimable (0 unless a test plays reclaim, as test_buddy does).
 */
bool current_is_reclaiming(void)
{
	return false;
}

unsigned long host_reclaimable_pages;

unsigned long zone_reclaimable_pages(struct zone *zone)
{
	return host_reclaimable_pages;
}
