/*
 * The spin-table enable method (Documentation/arch/arm64/booting.rst):
 * the firmware parks each secondary core in a loop that waits (WFE) for a
 * non-zero 64-bit "cpu-release-addr" and then jumps there, MMU off. Both
 * the Pi firmware's stub (and QEMU's raspi boot stub) and U-Boot's
 * spin-table work this way.
 *
 * spin_table_release() is Linux's smp_spin_table_cpu_prepare() +
 * cpu_boot(): write the entry's physical address, clean it to the point of
 * coherency, SEV. smp.c uses it with secondary_entry for each CPU it brings
 * up, and with secondary_park (boot/head.S, a WFI loop with everything
 * masked) for each CPU it does not (nosmp, maxcpus=, or an interrupt
 * controller without IPIs, the Pi 3's BCM2836): the firmware's loop polls
 * (under QEMU's TCG, a busy host thread each), WFI does not.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <asm/memory.h>
#include <asm/smp.h>

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

int spin_table_release(const char *name, u64 release_addr, phys_addr_t entry)
{
	if (!release_addr || (release_addr & 7) || !memblock_is_map_memory(release_addr)) {
		printk("smp: %s: cpu-release-addr 0x%lx is not in mapped RAM: left spinning\n", name,
		       (unsigned long)release_addr);
		return -1;
	}
	write_release_word(release_addr, entry);
	return 0;
}
