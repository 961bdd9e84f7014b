/*
 * Looking at page tables: the software walk of one address (pt_walk), its
 * printout level by level, a descriptor decoder, and ptdump -- every mapping
 * of a range with runs of identical attributes merged, in the format of
 * Linux's /sys/kernel/debug/kernel_page_tables (arch/arm64/mm/ptdump.c):
 *
 *   ---[ Linear Mapping start ]---
 *   0xffff000040000000-0xffff000080000000           1G PUD       RW NX SHD AF            BLK UXN    MEM/NORMAL
 *
 * None of this changes a table or takes a lock. A walk of a live user tree
 * is safe today because one CPU runs and kernel code is not preempted (see
 * mm/pgtable.c); once the SMP issue brings up the other cores, it must hold
 * mm->page_table_lock so tables are not freed under it.
 */
#include <linux/kernel.h>
#include <linux/pgtable.h>
#include <linux/mm.h>
#include <string.h>

static const int level_shift[4] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT };
static const char *const level_name[4] = { "PGD", "PUD", "PMD", "PTE" };	/* ARM L0..L3 */

static u64 *table_va(u64 desc)
{
	return (u64 *)__va(desc & PTE_ADDR_MASK);
}

void pt_walk(pgd_t *pgd, unsigned long addr, struct pt_walk *w)
{
	u64 *table = pgd;

	memset(w, 0, sizeof(*w));
	w->block_level = -1;
	for (int level = 0; level < 4; level++) {
		unsigned int idx = (addr >> level_shift[level]) & (PTRS_PER_TABLE - 1);
		u64 desc = READ_ONCE(table[idx]);

		w->index[level] = idx;
		w->table[level] = __pa(table);
		w->desc[level] = desc;
		w->levels = level + 1;
		if (!(desc & PTE_VALID))
			return;				/* translation fault at this level */
		if (level == 3 || pxd_block(desc)) {
			unsigned long size = 1UL << level_shift[level];

			/* An L0 block, or an L3 entry with bit 1 clear, is reserved: the MMU faults. */
			if (level == 0 || (level == 3 && !pxd_table(desc)))
				return;
			w->valid = true;
			w->block_level = level;
			w->pa = (desc & PTE_ADDR_MASK & ~(size - 1)) | (addr & (size - 1));
			return;
		}
		table = table_va(desc);
	}
}

static const char *attr_name(u64 desc)
{
	switch ((desc & PTE_ATTRINDX_MASK) >> 2) {
	case MT_NORMAL:		return "NORMAL";
	case MT_NORMAL_NC:	return "NORMAL-NC";
	case MT_DEVICE_nGnRnE:	return "DEVICE-nGnRnE";
	case MT_DEVICE_nGnRE:	return "DEVICE-nGnRE";
	default:		return "?";
	}
}

/* Append " word" to buf if there is room (always NUL-terminated). */
static void add(char *buf, size_t size, size_t *len, const char *word)
{
	int n = snprintf(buf + *len, size - *len, "%s%s", *len ? " " : "", word);

	if (n > 0)
		*len = min(*len + (size_t)n, size - 1);
}

void pte_decode(u64 desc, int level, char *buf, size_t size)
{
	static const char *const sh[4] = { "SH=NS", "SH=?", "SH=OS", "SH=IS" };
	size_t len = 0;
	char tmp[64];

	if (!size)
		return;
	buf[0] = 0;
	if (!(desc & PTE_VALID)) {
		if (!desc) {
			add(buf, size, &len, "none");
		} else if (level == 3 && is_swap_pte(desc)) {
			swp_entry_t e = pte_to_swp_entry(desc);

			snprintf(tmp, sizeof(tmp), "SWAP type=%u offset=%lu", swp_type(e), swp_offset(e));
			add(buf, size, &len, tmp);
		} else if (level == 3 && (desc & PTE_PROT_NONE)) {
			snprintf(tmp, sizeof(tmp), "PROT_NONE -> 0x%lx (invalid for the MMU)",
				 (unsigned long)(desc & PTE_ADDR_MASK));
			add(buf, size, &len, tmp);
		} else {
			add(buf, size, &len, "INVALID");
		}
		return;
	}
	if (level < 3 && pxd_table(desc)) {
		snprintf(tmp, sizeof(tmp), "TABLE -> 0x%lx", (unsigned long)(desc & PTE_ADDR_MASK));
		add(buf, size, &len, tmp);
		return;
	}
	if (level == 0 || (level == 3 && !pxd_table(desc))) {
		add(buf, size, &len, "RESERVED");	/* faults: no block at L0, no "block" at L3 */
		return;
	}
	add(buf, size, &len, level == 3 ? "PAGE" : level == 2 ? "BLOCK(2M)" : "BLOCK(1G)");
	if (desc & PTE_USER)
		add(buf, size, &len, "USER");
	add(buf, size, &len, (desc & PTE_RDONLY) ? "RO" : "RW");
	if (desc & PTE_PXN)
		add(buf, size, &len, "PXN");
	if (desc & PTE_UXN)
		add(buf, size, &len, "UXN");
	if (desc & PTE_AF)
		add(buf, size, &len, "AF");
	if (desc & PTE_NG)
		add(buf, size, &len, "nG");
	add(buf, size, &len, sh[(desc >> 8) & 3]);
	snprintf(tmp, sizeof(tmp), "ATTR=%lu(%s)", (unsigned long)((desc & PTE_ATTRINDX_MASK) >> 2),
		 attr_name(desc));
	add(buf, size, &len, tmp);
	if (desc & PTE_DBM)
		add(buf, size, &len, "DBM");
	if (desc & PTE_CONT)
		add(buf, size, &len, "CONT");
	if (desc & PTE_DIRTY)
		add(buf, size, &len, "DIRTY");
	if (desc & PTE_SPECIAL)
		add(buf, size, &len, "SPECIAL");
}

void pt_walk_print(const struct pt_walk *w, unsigned long addr)
{
	static const char *const table_name[4] = { "pgd", "pud", "pmd", "pte" };
	char buf[160];

	printk("walk 0x%016lx:\n", addr);
	for (int level = 0; level < w->levels; level++) {
		pte_decode(w->desc[level], level, buf, sizeof(buf));
		printk("  L%d %s[%3u] @0x%09lx = 0x%016lx  %s\n", level, table_name[level],
		       w->index[level], (unsigned long)(w->table[level] + w->index[level] * 8),
		       (unsigned long)w->desc[level], buf);
	}
	if (w->valid)
		printk("  -> pa 0x%lx (%s)\n", (unsigned long)w->pa,
		       w->block_level == 3 ? "4K page" : w->block_level == 2 ? "2M block" : "1G block");
	else
		printk("  -> translation fault at level %d\n", w->levels - 1);
}

/* ---- ptdump ------------------------------------------------------------ */

/* Linux's pte_bits[] (arch/arm64/mm/ptdump.c): what is printed for each attribute. */
struct prot_bits {
	u64 mask, val;
	const char *set, *clear;
};

static const struct prot_bits pte_bits[] = {
	{ PTE_VALID, PTE_VALID, " ", "F" },
	{ PTE_USER, PTE_USER, "USR", "   " },
	{ PTE_RDONLY, PTE_RDONLY, "ro", "RW" },
	{ PTE_PXN, PTE_PXN, "NX", "x " },
	{ PTE_SHARED, PTE_SHARED, "SHD", "   " },
	{ PTE_AF, PTE_AF, "AF", "  " },
	{ PTE_NG, PTE_NG, "NG", "  " },
	{ PTE_CONT, PTE_CONT, "CON", "   " },
	{ PTE_TABLE_BIT, PTE_TABLE_BIT, "   ", "BLK" },
	{ PTE_UXN, PTE_UXN, "UXN", "   " },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRnE), "DEVICE/nGnRnE", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_DEVICE_nGnRE), "DEVICE/nGnRE", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL_NC), "MEM/NORMAL-NC", NULL },
	{ PTE_ATTRINDX_MASK, PTE_ATTRINDX(MT_NORMAL), "MEM/NORMAL", NULL },
};

#define PTDUMP_PROT_MASK (PTE_VALID | PTE_USER | PTE_RDONLY | PTE_PXN | PTE_SHARED | PTE_AF | \
			  PTE_NG | PTE_CONT | PTE_TABLE_BIT | PTE_UXN | PTE_ATTRINDX_MASK)

struct ptdump_state {
	const struct ptdump_marker *marker;	/* next marker to print, or NULL */
	unsigned long start, end;		/* the open range, if level >= 0 */
	int level;
	u64 prot;
	unsigned long ranges;
};

static void dump_range(struct ptdump_state *st)
{
	static const char units[] = "KMGTPE";
	unsigned long delta = (st->end - st->start) >> 10;
	const char *unit = units;
	char line[200];
	size_t len;

	if (st->level < 0)
		return;
	while (!(delta & 1023) && unit[1]) {
		delta >>= 10;
		unit++;
	}
	len = (size_t)snprintf(line, sizeof(line), "0x%016lx-0x%016lx   %9lu%c %s", st->start,
			       st->end, delta, *unit, level_name[st->level]);
	for (size_t i = 0; i < ARRAY_SIZE(pte_bits) && len < sizeof(line); i++) {
		const char *s = (st->prot & pte_bits[i].mask) == pte_bits[i].val ?
				pte_bits[i].set : pte_bits[i].clear;

		if (s)
			len += (size_t)snprintf(line + len, sizeof(line) - len, " %s", s);
	}
	printk("%s\n", line);
	st->level = -1;
	st->ranges++;
}

/* Print every marker at or below addr (closing the open range first). */
static void pass_markers(struct ptdump_state *st, unsigned long addr)
{
	while (st->marker && st->marker->name && st->marker->start_address <= addr) {
		dump_range(st);
		printk("---[ %s ]---\n", st->marker->name);
		st->marker++;
	}
}

/* One leaf (page or block) at addr: extend the open range or start a new one. */
static void note_page(struct ptdump_state *st, unsigned long addr, int level, u64 desc)
{
	u64 prot = desc & PTDUMP_PROT_MASK;

	if (st->level >= 0 && (level != st->level || prot != st->prot || addr != st->end))
		dump_range(st);
	pass_markers(st, addr);
	if (st->level < 0) {
		st->start = addr;
		st->level = level;
		st->prot = prot;
	}
	st->end = addr + (1UL << level_shift[level]);
}

static void walk_level(struct ptdump_state *st, u64 *table, int level, unsigned long addr,
		       unsigned long end)
{
	unsigned long size = 1UL << level_shift[level];

	for (unsigned long next; addr != end; addr = next) {
		u64 desc = READ_ONCE(table[(addr >> level_shift[level]) & (PTRS_PER_TABLE - 1)]);

		next = (addr + size) & ~(size - 1);
		if (next - 1 >= end - 1)
			next = end;
		if (!(desc & PTE_VALID))
			continue;
		if (level < 3 && pxd_table(desc))
			walk_level(st, table_va(desc), level + 1, addr, next);
		else if (level > 0)
			note_page(st, addr & ~(size - 1), level, desc);
	}
}

void ptdump_walk(pgd_t *pgd, unsigned long start, unsigned long end)
{
	struct ptdump_state st = { .marker = ptdump_markers(), .level = -1 };

	start &= PAGE_MASK;
	while (st.marker && st.marker->name && st.marker->start_address < start)
		st.marker++;
	if (start != end)
		walk_level(&st, pgd, 0, start, end);
	dump_range(&st);
	pass_markers(&st, end ? end - 1 : ~0UL);
}
