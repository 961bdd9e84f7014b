/*
 * The kernel's regions for ptdump, and the shell commands that show page
 * tables (Linux: arch/arm64/mm/ptdump.c, address_markers[]; the walker is
 * mm/pgtable_walk.c).
 *
 *   # ptdump            every kernel mapping (TTBR1), runs merged
 *   # ptdump user       the user tree in TTBR0 now (the last task that ran)
 *   # ptdump PID        task PID's user tree
 *   # pt PID VA         one address in task PID's tree (0 = kernel), decoded
 *   # pagewalk ADDR     one address, level by level, as the MMU walks it
 */
#include <linux/kernel.h>
#include <linux/mm_types_task.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
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

/* The user tree of task pid (NULL with a message if there is none). */
static pgd_t *task_pgd(const char *cmd, const char *arg, int *pidp)
{
	struct task_struct *t;
	unsigned long pid;

	if (!shell_parse_ulong(cmd, "PID", arg, &pid))
		return NULL;
	t = find_task_by_pid((int)pid);
	if (!t) {
		printk("%s: no task with pid %lu\n", cmd, pid);
		return NULL;
	}
	if (!t->mm) {
		printk("%s: %lu (%s) is a kernel thread: no user address space\n", cmd, pid, t->comm);
		return NULL;
	}
	*pidp = (int)pid;
	return t->mm->pgd;
}

static int cmd_ptdump(int argc, char **argv)
{
	pgd_t *pgd;
	int pid;

	if (argc > 2) {
		printk("usage: ptdump [PID | user]\n");
		return -1;
	}
	if (argc > 1 && strcmp(argv[1], "user") == 0) {
		printk("---[ User space (TTBR0 = 0x%lx) ]---\n", (unsigned long)read_sysreg(ttbr0_el1));
		ptdump_walk(ttbr0_pgd(), 0, TASK_SIZE);
		return 0;
	}
	if (argc > 1) {
		pgd = task_pgd("ptdump", argv[1], &pid);
		if (!pgd)
			return -1;
		printk("---[ User space of pid %d (pgd at phys 0x%lx) ]---\n", pid, (unsigned long)__pa(pgd));
		ptdump_walk(pgd, 0, TASK_SIZE);
		return 0;
	}
	ptdump_walk(swapper_pg_dir, PAGE_OFFSET, 0);
	return 0;
}
shell_command("ptdump", "ptdump [PID | user]",
	      "page tables with merged ranges (kernel, task PID's, or the live TTBR0), like Linux's ptdump",
	      cmd_ptdump);

/* pt PID VA: walk VA in task PID's tables (PID 0: the kernel's), each level decoded. */
static int cmd_pt(int argc, char **argv)
{
	unsigned long addr;
	struct pt_walk w;
	pgd_t *pgd;
	int pid = 0;

	if (argc != 3) {
		printk("usage: pt PID VA   (PID 0 = the kernel's tables)\n");
		return -1;
	}
	if (!shell_parse_ulong("pt", "VA", argv[2], &addr))
		return -1;
	if (strcmp(argv[1], "0") == 0) {
		if (addr < PAGE_OFFSET) {
			printk("pt: 0x%lx is not a kernel address (the kernel's tables map from 0x%lx)\n",
			       addr, PAGE_OFFSET);
			return -1;
		}
		pgd = swapper_pg_dir;
	} else {
		pgd = task_pgd("pt", argv[1], &pid);
		if (!pgd)
			return -1;
		if (addr >= TASK_SIZE) {
			printk("pt: 0x%lx is not a user address (user space ends at 0x%lx)\n", addr, TASK_SIZE);
			return -1;
		}
	}
	pt_walk(pgd, addr, &w);
	printk("%s, root table at 0x%lx\n", pid ? "user (TTBR0 when it runs)" : "TTBR1 (kernel)",
	       (unsigned long)w.table[0]);
	pt_walk_print(&w, addr);
	return 0;
}
shell_command("pt", "pt PID VA", "walk VA in task PID's page tables (0 = kernel), each level decoded", cmd_pt);

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
