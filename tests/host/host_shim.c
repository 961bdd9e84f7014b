/*
 * What kernel code expects from the rest of the kernel, provided for host
 * unit tests and tools/: printk (to stdout as TAP comments, or to a tool's
 * host_printk_sink, and into a log a test can
 * search: log_buf_head/log_contains as in kernel/printk.c), panic (aborts, so ASan prints a stack) and the fake
 * physical-memory offset used by asm/memory.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include "host_shim.h"

unsigned long host_va_offset;
unsigned int host_cpu;

/*
 * The log, as kernel/printk.c keeps it for log_buf_head()/log_contains():
 * positions count every byte ever logged; when the buffer is full its older
 * half is dropped. host_log_clear() only moves the mark host_log_contains()
 * searches from.
 */
static char host_log[1 << 18];
static unsigned long log_base, log_head, log_mark;	/* positions of host_log[0], the end, the mark */

static void log_append(const char *s, size_t len)
{
	if (len >= sizeof(host_log) / 2)
		return;
	if (log_head - log_base + len + 1 > sizeof(host_log)) {
		size_t drop = sizeof(host_log) / 2;

		memmove(host_log, host_log + drop, log_head - log_base - drop + 1);
		log_base += drop;
	}
	memcpy(host_log + (log_head - log_base), s, len + 1);
	log_head += len;
}

void (*host_printk_sink)(const char *text);

int vprintk(const char *fmt, va_list ap)
{
	char line[1024];
	int n = vsnprintf(line, sizeof(line), fmt, ap);

	log_append(line, strlen(line));
	if (host_printk_sink) {
		host_printk_sink(line);
		return n;
	}
	/*
	 * TAP treats lines starting with '#' as comments: a kernel message
	 * becomes one; a line that already is one (a test's "    # note", as
	 * KTAP indents it) is printed as it is.
	 */
	for (char *s = line; *s; ) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = 0;
		if (*s)
			printf("%s%s\n", s[strspn(s, " ")] == '#' ? "" : "# ", s);
		if (!nl)
			break;
		s = nl + 1;
	}
	return n;
}

unsigned long log_buf_head(void)
{
	return log_head;
}

bool log_contains(unsigned long since, const char *needle)
{
	return strstr(host_log + (max(since, log_base) - log_base), needle) != NULL;
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
	log_mark = log_head;
}

bool host_log_contains(const char *needle)
{
	return log_contains(log_mark, needle);
}

void *host_ram_alloc(size_t size, phys_addr_t fake_base)
{
	void *ram = aligned_alloc(1UL << 22, size);

	if (!ram) {
		fprintf(stderr, "host_ram_alloc: cannot allocate %zu MiB of simulated RAM\n", size >> 20);
		exit(1);
	}
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

char *host_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc(n ? n : 1)) && fread(buf, 1, n, f) == (size_t)n) {
		*size = n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}
