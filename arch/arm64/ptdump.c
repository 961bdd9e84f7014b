/*
 * The kernel's regions for ptdump, and the shell commands that show page
 * tables (Linux: arch/arm64/mm/ptdump.c, address_markers[]; the walker is
 * mm/pgtable_walk.c).
 *
 *   # ptdump            every kernel mapping (TTBR1), runs merged
 *   # ptdump user       the user tree in TTBR0 now (the last task that ran)
 *   # pagewalk ADDR     one address, level by level, as the MMU walks it
 */
#include <linux/kernel.h>
#include <linux/pgtable.h>
#include <linux/shell.h>
#include <asm/memory.h>
#include <asm/sysreg.h>
#include <string.h>

static const struct ptdump_marker kernel_markers[] = {
	{ PAGE_OFFSET, "Linear Mapping start" },
	{ KIMAGE_VADDR, "Kernel Image start" },
	{ FDT_VIRT, "Device Tree" },
	{ FIXMAP_START, "Fixmap (ioremap) start" },
	{ FIXMAP_START + FIXMAP_SIZE, "Fixmap end" },
	{ 0, NULL },
};

const struct ptdump_marker *ptdump_markers(void)
{
	return kernel_markers;
}

/* The user tree in TTBR0 (the reserved empty table when no user mm has run). */
static pgd_t *ttbr0_pgd(void)
{
	return (pgd_t *)__va(read_sysreg(ttbr0_el1) & PTE_ADDR_MASK);
}

static int cmd_ptdump(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "user") == 0) {
		printk("---[ User space (TTBR0 = 0x%lx) ]---\n", (unsigned long)read_sysreg(ttbr0_el1));
		ptdump_walk(ttbr0_pgd(), 0, TASK_SIZE);
		return 0;
	}
	if (argc > 1) {
		printk("ptdump: unknown argument '%s' (try: ptdump, ptdump user)\n", argv[1]);
		return -1;
	}
	ptdump_walk(swapper_pg_dir, PAGE_OFFSET, 0);
	return 0;
}
shell_command("ptdump", "ptdump [user]",
	      "kernel (or current user) page tables, like /sys/kernel/debug/kernel_page_tables",
	      cmd_ptdump);

static int cmd_pagewalk(int argc, char **argv)
{
	struct pt_walk w;
	unsigned long addr;

	if (argc != 2) {
		printk("usage: pagewalk ADDR\n");
		return -1;
	}
	if (!shell_parse_ulong("pagewalk", "ADDR", argv[1], &addr))
		return -1;
	if (addr >= TASK_SIZE && addr < PAGE_OFFSET) {
		printk("pagewalk: 0x%lx is in neither half (not canonical): the MMU faults\n", addr);
		return -1;
	}
	pt_walk(addr >= PAGE_OFFSET ? swapper_pg_dir : ttbr0_pgd(), addr, &w);
	printk("%s, root table at 0x%lx\n", addr >= PAGE_OFFSET ? "TTBR1 (kernel)" : "TTBR0 (user)",
	       (unsigned long)w.table[0]);
	pt_walk_print(&w, addr);
	return 0;
}
shell_command("pagewalk", "pagewalk ADDR", "walk one virtual address through the page tables",
	      cmd_pagewalk);
