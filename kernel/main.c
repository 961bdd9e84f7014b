/*
 * start_kernel: from "the MMU is on and we run in the high half" to a
 * running system. The order follows Linux's init/main.c: find the device
 * tree and a console first (so everything after can be reported), parse the
 * command line, print what the machine looks like, set up memory, then
 * interrupts and the timer, then either the self-tests or normal work.
 */
#include <linux/kernel.h>
#include <linux/bench.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <linux/mman.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/selftest.h>
#include <linux/bench.h>
#include <linux/shell.h>
#include <linux/smp.h>
#include <linux/swap.h>
#include <asm/boot.h>
#include <asm/neon.h>
#include <asm/memory.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <libfdt.h>

static const char *const dtb_status_msg[] = {
	[EARLY_DTB_BAD_ADDRESS] = "x0 is 0 or not 8-byte aligned",
	[EARLY_DTB_BAD_MAGIC] = "no FDT magic (0xd00dfeed) at that address",
	[EARLY_DTB_BAD_SIZE] = "FDT totalsize is smaller than a header or larger than 2 MiB",
};

/*
 * Without a device tree we know nothing about the machine, not even where
 * the UART is: say so on the early-debug UART and stop (no fault loop).
 */
static __noreturn void bad_dtb(const char *why)
{
	early_debug_console_init();
	printk("\nError: invalid device tree blob at physical address 0x%lx: %s\n",
	       (unsigned long)early_boot_info.dtb_pa, why);
	printk("The boot loader must pass the DTB's physical address in x0.\n");
	printk("Cannot continue without a device tree.\n");
	machine_exit(2);	/* semihosting is off this early: this halts */
}

static void print_range(u64 base, u64 size, bool nomap, const char *name, void *arg)
{
	const char *what = arg;

	if (size == 0) {
		printk("  %-8s %s: dynamic placement (no reg), not supported: ignored\n", what, name);
		return;
	}
	printk("  %-8s [0x%016lx-0x%016lx] %8lu KiB  %s%s\n", what, (unsigned long)base,
	       (unsigned long)(base + size - 1), (unsigned long)(size >> 10), name,
	       nomap ? " (no-map)" : "");
}

static void print_banner(void)
{
	u64 initrd_start, initrd_end;
	unsigned long image_size = (unsigned long)(_end - _text);

	printk("\nBooting the arm64 teaching kernel\n");
	printk("Entered at EL%u, running at EL1 from the high half (TTBR1)\n", boot_entry_el);
	printk("Machine model: %s\n", of_model());
	printk("DTB: phys 0x%lx, %lu bytes, mapped at 0x%lx\n", (unsigned long)early_boot_info.dtb_pa,
	       (unsigned long)early_boot_info.dtb_size, (unsigned long)initial_boot_params);
	printk("Memory map from the device tree:\n");
	if (of_scan_memory(print_range, "memory") == 0)
		panic("no usable /memory node in the device tree (missing, or every reg size is 0): "
		      "the firmware or boot loader must describe RAM");
	if (of_scan_reserved(print_range, "reserved") == 0)
		printk("  reserved: none (/memreserve/ and /reserved-memory are empty)\n");
	if (of_initrd(&initrd_start, &initrd_end))
		print_range(initrd_start, initrd_end - initrd_start, false, "initrd", "initrd");
	printk("Kernel image: phys [0x%016lx-0x%016lx] %lu KiB at virt 0x%lx\n",
	       (unsigned long)early_boot_info.phys_text,
	       (unsigned long)early_boot_info.phys_text + image_size - 1, image_size >> 10,
	       (unsigned long)_text);
	printk("  .text   %6lu KiB  r-x\n", (unsigned long)(_etext - _text) >> 10);
	printk("  .rodata %6lu KiB  r--\n", (unsigned long)(__end_rodata - __start_rodata) >> 10);
	printk("  .data   %6lu KiB  rw-\n", (unsigned long)(_edata - _data) >> 10);
	printk("  .bss    %6lu KiB  rw- (includes %u early page-table pages)\n",
	       (unsigned long)(_end - _edata) >> 10, early_boot_info.pgtable_pages_used + 2);
	printk("Kernel command line: %s\n", of_bootargs());
}

/* Kernel threads of the memory manager. */
static void start_kernel_threads(void)
{
	kswapd_start();
}

static int selftest_thread(void *arg)
{
	selftest_boot();
}

/*
 * Start the first tasks and become the idle task (Linux: rest_init): init
 * (pid 1, the embedded user program that adopts orphans), then either the
 * self-test runner or the console shell, both kernel threads.
 */
static __noreturn void rest_init(void)
{
	char *init_argv[] = { "init", NULL };
	int pid = spawn_user("init", 1, init_argv, NULL);

	if (pid < 0)
		printk("init: cannot start the init program (%d); continuing without it\n", pid);
	start_kernel_threads();
	if (cmdline_has("selftest"))
		kthread_run(selftest_thread, NULL, "selftest");
	else
		kthread_run(shell_thread, NULL, "sh");
	cpu_idle();
}

void start_kernel(u64 dtb_pa)
{
	const char *why = NULL;

	smp_setup_boot_cpu();
	sched_init();		/* the boot context becomes the idle task, pid 0 */
	kimage_voffset = early_boot_info.kimage_voffset;
	if (early_boot_info.pgtable_exhausted)
		panic("early page-table pool exhausted: the image or DTB is not fully mapped");
	if (early_boot_info.dtb_status != EARLY_DTB_MAPPED)
		bad_dtb(dtb_status_msg[early_boot_info.dtb_status]);
	if (of_init((void *)(FDT_VIRT + (dtb_pa & ~PAGE_MASK)), early_boot_info.dtb_size, &why))
		bad_dtb(why);

	if (serial_console_init())
		early_debug_console_init();	/* DT names no UART we drive: try the debug one */
	parse_args(of_bootargs());
	psci_init();
	smp_init_cpus();	/* possible CPUs from /cpus: SLUB's banner counts them */
	print_banner();

	fpsimd_init();		/* liblz4 (zram) uses NEON registers: CPACR_EL1.FPEN */
	setup_arch_memory();
	fork_init();		/* kernel.threads-max from the RAM just counted */
	asid_init();
	zero_page_init();

	if (irqchip_init())
		panic("no usable interrupt controller: the timer cannot tick");
	if (arch_timer_init())
		panic("no usable timer");
	local_irq_enable();
	smp_init();		/* secondaries up, idle, serving IPIs; tasks stay on CPU 0 */

	if (cmdline_has("bench")) run_benchmarks();	/* bench/bench.c; ends QEMU */
	rest_init();
}
