/*
 * Power state coordination (ARM DEN 0022, PSCI) and semihosting exit.
 * PSCI calls go to the firmware or hypervisor through the conduit the
 * /psci node names: "hvc" (QEMU virt at EL1) or "smc" (virtualization=on).
 * Function IDs: SYSTEM_OFF 0x84000008, CPU_ON (64-bit) 0xc4000003.
 * Linux: drivers/firmware/psci/psci.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/of.h>
#include <linux/reboot.h>
#include <asm/irqflags.h>
#include <asm/smp.h>
#include <string.h>

#define PSCI_0_2_FN_SYSTEM_OFF	0x84000008UL
#define PSCI_0_2_FN64_CPU_ON	0xc4000003UL

enum psci_conduit { PSCI_NONE, PSCI_HVC, PSCI_SMC };
static enum psci_conduit conduit;
static bool psci_0_2;	/* the standard function IDs (0.1 takes them from the node: not supported) */
static bool semihosting;

static int __init parse_semihosting(const char *val)
{
	semihosting = true;
	return 0;
}
__setup("semihosting", parse_semihosting);

bool semihosting_enabled(void)
{
	return semihosting;
}

void psci_init(void)
{
	int node = of_find_compatible(-1, "arm,psci-1.0");
	const char *method;

	if (node < 0)
		node = of_find_compatible(-1, "arm,psci-0.2");
	psci_0_2 = node >= 0;
	if (node < 0)
		node = of_find_compatible(-1, "arm,psci");
	if (node < 0)
		return;
	method = of_get_property(node, "method", NULL);
	if (method && strcmp(method, "hvc") == 0)
		conduit = PSCI_HVC;
	else if (method && strcmp(method, "smc") == 0)
		conduit = PSCI_SMC;
}

static unsigned long psci_call(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a1;
	register unsigned long x2 __asm__("x2") = a2;
	register unsigned long x3 __asm__("x3") = a3;

	if (conduit == PSCI_HVC)
		__asm__ __volatile__("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	else
		__asm__ __volatile__("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
}

bool psci_available(void)
{
	return conduit != PSCI_NONE && psci_0_2;
}

/*
 * CPU_ON (DEN 0022, CPU_ON): x1 = the target's MPIDR affinity, x2 = the
 * physical address it starts at (MMU off, at the caller's EL or EL2),
 * x3 = context_id, passed to it in x0 (unused: secondary_data says all).
 * Returns 0 or a PSCI error: -2 INVALID_PARAMETERS, -4 ALREADY_ON,
 * -5 ON_PENDING, -9 INVALID_ADDRESS.
 */
int psci_cpu_on(u64 mpidr, phys_addr_t entry)
{
	if (!psci_available())
		return -1;
	return (int)(long)psci_call(PSCI_0_2_FN64_CPU_ON, mpidr, entry, 0);
}

void machine_halt(void)
{
	local_irq_disable();
	printk("System halted.\n");
	for (;;)
		__asm__ __volatile__("wfi");
}

void machine_power_off(void)
{
	if (conduit != PSCI_NONE) {
		printk("Power down\n");
		psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
	}
	machine_halt();
}

/*
 * Semihosting SYS_EXIT (operation 0x18, "hlt #0xf000" in AArch64): the
 * parameter block is {ADP_Stopped_ApplicationExit = 0x20026, status}; QEMU
 * exits with that status. Only when the run asked for it, because on a
 * machine without a debugger attached HLT is an undefined instruction.
 */
void machine_exit(int status)
{
	if (semihosting || cmdline_has("semihosting")) {	/* also when parse_args has not reached it yet */
		static unsigned long block[2];
		register unsigned long x0 __asm__("x0") = 0x18;
		register unsigned long x1 __asm__("x1") = (unsigned long)block;

		block[0] = 0x20026;
		block[1] = (unsigned long)status;
		__asm__ __volatile__("hlt #0xf000" :: "r"(x0), "r"(x1) : "memory");
	}
	machine_power_off();
}
