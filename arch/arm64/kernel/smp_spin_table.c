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
#include <linux/of.h>
#include <linux/of_fdt.h>
#include <asm/boot.h>
#include <asm/memory.h>
#include <asm/processor.h>
#include <asm/sysreg.h>

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

static void park_cpu(const char *name, u64 hwid, u64 release_addr, void *arg)
{
	int *parked = arg;

	if (hwid == (read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK))
		return;		/* ourselves */
	if ((release_addr & 7) || !memblock_is_map_memory(release_addr)) {
		printk("smp: %s: cpu-release-addr 0x%lx is not in mapped RAM: left spinning\n", name,
		       (unsigned long)release_addr);
		return;
	}
	write_release_word(release_addr, __pa_symbol(secondary_park));
	(*parked)++;
}

int smp_park_spin_table_cpus(void)
{
	int parked = 0;

	of_scan_spin_tables(park_cpu, &parked);
	if (parked)
		printk("smp: %d spin-table CPU%s parked in WFI until SMP bring-up\n", parked,
		       parked == 1 ? "" : "s");
	return parked;
}
