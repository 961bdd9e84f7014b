/*
 * Per-CPU identity. Only the boot CPU runs today; secondary CPUs stay
 * parked (PSCI CPU_ON on virt, spin-table on the Pi) until SMP bring-up.
 * Code that keeps per-CPU state (per-CPU page lists, SLUB's active slabs)
 * indexes it with smp_processor_id(), so it needs no change when they come.
 */
#include <linux/kernel.h>
#include <asm/processor.h>
#include <asm/sysreg.h>

static struct cpu_info cpu_info[NR_CPUS];

void smp_setup_boot_cpu(void)
{
	cpu_info[0].cpu = 0;
	write_sysreg(&cpu_info[0], tpidr_el1);
}
