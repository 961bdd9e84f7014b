/*
 * Symbol lookup for backtraces (Linux: kernel/kallsyms.c, much simplified).
 * scripts/kallsyms.sh emits the text symbols sorted by address plus their
 * names as consecutive NUL-terminated strings.
 */
#include <linux/kernel.h>
#include <linux/kallsyms.h>
#include <string.h>

extern const unsigned long kallsyms_num;
extern const unsigned long kallsyms_addrs[];
extern const char kallsyms_names[];
extern char _etext[];

static const char *kallsyms_name_at(unsigned long index)
{
	const char *name = kallsyms_names;

	while (index--)
		name += strlen(name) + 1;
	return name;
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	unsigned long lo = 0, hi = kallsyms_num;

	if (!kallsyms_num || addr < kallsyms_addrs[0] || addr >= (unsigned long)_etext)
		return NULL;
	/* Binary search for the last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (kallsyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	/* Aliases share an address: take the first. */
	while (lo > 0 && kallsyms_addrs[lo - 1] == kallsyms_addrs[lo])
		lo--;
	hi = lo + 1;
	while (hi < kallsyms_num && kallsyms_addrs[hi] == kallsyms_addrs[lo])
		hi++;
	*size = (hi < kallsyms_num ? kallsyms_addrs[hi] : (unsigned long)_etext) - kallsyms_addrs[lo];
	*offset = addr - kallsyms_addrs[lo];
	return kallsyms_name_at(lo);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	const char *s = kallsyms_names;

	for (unsigned long i = 0; i < kallsyms_num; i++, s += strlen(s) + 1)
		if (strcmp(s, name) == 0)
			return kallsyms_addrs[i];
	return 0;
}
