/*
 * The spin-table enable method (Documentation/arch/arm64/booting.rst):
 * the firmware parks each secondary core in a loop that waits (WFE) for a
 * non-zero 64-bit "cpu-release-addr" and then jumps there, MMU off.
 *
 * This kernel runs on one CPU until SMP bring-up, so the parked cores are
 * not needed yet, but their loop is not idle: the Pi firmware's (and
 * QEMU's raspi boot stub's) WFE loop polls, and an emulated Pi 4 spends
 * three host threads on it. smp_park_spin_table_cpus() releases each core
 * into secondary_park (boot/head.S), a WFI loop with interrupts masked,
 * where it stops. Linux's smp_spin_table_cpu_prepare() does the same
 * write-clean-SEV sequence with its real secondary entry point.
 *
 * Not there yet: bringing the cores into the kernel (the SMP issue);
 * PSCI machines (QEMU virt) need nothing, their secondaries start off.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <string.h>
#include <linux/of.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/sysreg.h>
#include <libfdt.h>

#define MPIDR_HWID_BITMASK	0xff00ffffffUL	/* Aff3, Aff2..Aff0 */

extern char secondary_park[];

/*
 * The core reads the release word with its MMU and caches off, so the
 * write must reach the point of coherency (DC CIVAC) before SEV wakes it.
 */
static void write_release_word(phys_addr_t pa, u64 entry)
{
	volatile u64 *word = __va(pa);

	*word = entry;
	asm volatile("dc civac, %0" : : "r"(word) : "memory");
	asm volatile("dsb sy; sev" : : : "memory");
}

int smp_park_spin_table_cpus(void)
{
	const void *fdt = initial_boot_params;
	int cpus = fdt_path_offset(fdt, "/cpus"), parked = 0;
	phys_addr_t entry = __pa_symbol(secondary_park);

	if (cpus < 0)
		return 0;
	for (int cpu = fdt_first_subnode(fdt, cpus); cpu >= 0; cpu = fdt_next_subnode(fdt, cpu)) {
		const char *method = fdt_getprop(fdt, cpu, "enable-method", NULL);
		const void *rel, *reg;
		phys_addr_t pa;
		int len, rlen;

		if (!method || strcmp(method, "spin-table") != 0)
			continue;
		reg = fdt_getprop(fdt, cpu, "reg", &rlen);
		if (reg && rlen >= 4 && of_read_number(reg, rlen / 4) == (read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK))
			continue;	/* ourselves */
		rel = fdt_getprop(fdt, cpu, "cpu-release-addr", &len);
		if (!rel || (len != 4 && len != 8))
			continue;
		pa = of_read_number(rel, len / 4);
		if ((pa & 7) || !memblock_is_map_memory(pa)) {
			printk("smp: %s: cpu-release-addr 0x%lx is not in mapped RAM: left spinning\n",
			       fdt_get_name(fdt, cpu, NULL), (unsigned long)pa);
			continue;
		}
		write_release_word(pa, entry);
		parked++;
	}
	if (parked)
		printk("smp: %d spin-table CPU%s parked in WFI until SMP bring-up\n", parked,
		       parked == 1 ? "" : "s");
	return parked;
}
