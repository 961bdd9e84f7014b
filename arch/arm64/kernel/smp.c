/*
 * SMP bring-up and IPIs (Linux: arch/arm64/kernel/smp.c, kernel/smp.c).
 *
 * The boot CPU is logical CPU 0. smp_init_cpus() (early, from start_kernel)
 * reads the device tree's /cpus: every other cpu node, in DT order, becomes
 * logical CPU 1, 2, ... (at most NR_CPUS) and is "possible". smp_init()
 * (after the GIC and the timer) starts them one at a time, by their
 * enable-method: "psci" -> PSCI CPU_ON, "spin-table" -> the release word.
 * Each enters boot/head.S:secondary_entry, turns its MMU on with the
 * kernel's tables and runs secondary_start_kernel() here: GIC CPU
 * interface, online, then an idle loop that only serves IPIs.
 *
 * Not there yet (docs/smp.md): tasks are scheduled on CPU 0 only (the
 * run queue, jiffies and the tick are CPU 0's); the memory manager's locking
 * is still that of one CPU, so nothing but the call-function IPIs below
 * runs kernel code on a secondary; no CPU hotplug.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/irq.h>
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/of_fdt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/memory.h>
#include <asm/neon.h>
#include <asm/proc-fns.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/uaccess-pan.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/errno.h>

#define MPIDR_HWID_BITMASK	0xff00ffffffUL	/* Aff3, Aff2..Aff0 */
#define SECONDARY_STACK_SIZE	16384		/* as the boot CPU's init_stack */

static struct cpu_info cpu_info[NR_CPUS];
struct cpumask __cpu_possible_mask, __cpu_online_mask;

/* What smp_init_cpus found for each logical CPU (Linux: __cpu_logical_map, cpu_ops). */
enum enable_method { EM_NONE, EM_PSCI, EM_SPIN_TABLE };
static struct {
	u64 hwid;			/* MPIDR_EL1 affinity fields, the DT's reg */
	enum enable_method method;
	u64 release_addr;		/* spin-table only */
	const char *name;		/* the DT node, for messages */
} cpu_map[NR_CPUS];

/*
 * Secondary kernel stacks: a static array in BSS, not page allocations.
 * NR_CPUS is fixed at 4, so this is 48 KiB known at link time; it needs no
 * allocator at bring-up, and the buddy and SLUB suites' free-page counts
 * stay what they are with -smp 1 and -smp 4 (each secondary would
 * otherwise hold 4 pages the allocator accounts for).
 */
static u8 secondary_stacks[NR_CPUS - 1][SECONDARY_STACK_SIZE] __aligned(16);

/* Read by boot/head.S with the MMU off: cleaned to the PoC before each start. */
struct secondary_data secondary_data;

static unsigned int max_cpus = NR_CPUS;	/* maxcpus= / nosmp: CPUs to run, the boot CPU included */

static int __init parse_maxcpus(const char *val)
{
	char *end;
	unsigned long n;

	if (!val)
		return -1;
	n = strtoul(val, &end, 10);
	if (*end)
		return -1;
	max_cpus = n == 0 ? 1 : (unsigned int)min(n, (unsigned long)NR_CPUS);	/* Linux: 0 = no SMP */
	return 0;
}
__setup("maxcpus", parse_maxcpus);

static int __init parse_nosmp(const char *val)
{
	max_cpus = 1;
	return 0;
}
__setup("nosmp", parse_nosmp);

/*
 * test.panic_after_smp: panic once the secondaries are up, on purpose, to
 * show (and let tests check) that panic() stops them: "CPUn: stopping".
 */
static bool panic_after_smp;

static int __init parse_panic_after_smp(const char *val)
{
	panic_after_smp = true;
	return 0;
}
__setup("test.panic_after_smp", parse_panic_after_smp);

u64 cpu_logical_map(unsigned int cpu)
{
	return cpu < NR_CPUS ? cpu_map[cpu].hwid : ~0UL;
}

unsigned int smp_cpus_expected(void)
{
	return smp_ipis_available() ? min(num_possible_cpus(), max_cpus) : 1;
}

void smp_setup_boot_cpu(void)
{
	cpu_info[0].cpu = 0;
	write_sysreg(&cpu_info[0], tpidr_el1);
	cpu_map[0].hwid = read_sysreg(mpidr_el1) & MPIDR_HWID_BITMASK;
	cpu_map[0].name = "boot CPU";
	set_cpu_possible(0, true);
	set_cpu_online(0, true);
}

static void add_cpu(const char *name, u64 hwid, const char *method, u64 release_addr, void *arg)
{
	unsigned int *next = arg;
	enum enable_method em = EM_NONE;

	if (hwid == cpu_map[0].hwid) {
		cpu_map[0].name = name;		/* ourselves */
		return;
	}
	if (method && strcmp(method, "psci") == 0)
		em = EM_PSCI;
	else if (method && strcmp(method, "spin-table") == 0)
		em = EM_SPIN_TABLE;
	if (*next >= NR_CPUS) {
		printk("smp: %s (MPIDR 0x%lx): more CPUs than NR_CPUS=%d: ignored%s\n", name,
		       (unsigned long)hwid, NR_CPUS, em == EM_SPIN_TABLE ? ", parked" : "");
		if (em == EM_SPIN_TABLE)
			spin_table_release(name, release_addr, __pa_symbol(secondary_park));
		return;
	}
	if (em == EM_NONE) {
		printk("smp: %s: enable-method \"%s\" not supported: CPU not used\n", name,
		       method ? method : "(none)");
		return;
	}
	cpu_map[*next].hwid = hwid;
	cpu_map[*next].method = em;
	cpu_map[*next].release_addr = release_addr;
	cpu_map[*next].name = name;
	set_cpu_possible(*next, true);
	(*next)++;
}

/* The possible CPUs, from the device tree (Linux: smp_init_cpus, from setup_arch). */
void smp_init_cpus(void)
{
	unsigned int next = 1;

	of_scan_cpus(add_cpu, &next);
}

/* ---- IPIs ---------------------------------------------------------------- */

/*
 * One call-function slot per target CPU (Linux has a per-CPU queue of
 * call_single_data; one slot is enough while call_function_lock lets only
 * one caller at a time fill slots). pending is set with release after fn
 * and info, and cleared with release by the target after fn returned; a
 * cache line each, so a target clearing its flag does not bounce another's.
 */
static struct call_single_data {
	smp_call_func_t fn;
	void *info;
	unsigned int pending;
} __aligned(64) csd[NR_CPUS];
static DEFINE_SPINLOCK(call_function_lock);

/* Per-CPU IPI counts; each row written only by its own CPU, in handle_IPI. */
static unsigned long ipi_counts[NR_CPUS][NR_IPI];

static const char *const ipi_types[NR_IPI] = {
	[IPI_RESCHEDULE] = "Rescheduling interrupts",
	[IPI_CALL_FUNC] = "Function call interrupts",
	[IPI_CPU_STOP] = "CPU stop interrupts",
};

const char *ipi_name(unsigned int ipinr)
{
	return ipinr < NR_IPI ? ipi_types[ipinr] : "?";
}

unsigned long ipi_count(unsigned int cpu, unsigned int ipinr)
{
	return cpu < NR_CPUS && ipinr < NR_IPI ? READ_ONCE(ipi_counts[cpu][ipinr]) : 0;
}

bool smp_ipis_available(void)
{
	const struct irq_chip *chip = irq_get_chip();

	return chip && chip->ipi_send && chip->cpu_init;
}

static void smp_cross_call(const struct cpumask *mask, unsigned int ipinr)
{
	irq_get_chip()->ipi_send(mask, ipinr);
}

static void generic_smp_call_function_interrupt(unsigned int cpu)
{
	struct call_single_data *c = &csd[cpu];

	if (__atomic_load_n(&c->pending, __ATOMIC_ACQUIRE)) {
		c->fn(c->info);
		__atomic_store_n(&c->pending, 0, __ATOMIC_RELEASE);
	}
}

/* IPI_CPU_STOP (Linux: local_cpu_stop / do_handle_IPI). Never returns. */
static void __noreturn local_cpu_stop(unsigned int cpu)
{
	set_cpu_online(cpu, false);
	printk("CPU%u: stopping\n", cpu);
	local_irq_disable();
	for (;;)
		__asm__ __volatile__("wfi");
}

void handle_IPI(unsigned int ipinr)
{
	unsigned int cpu = smp_processor_id();

	if (ipinr >= NR_IPI)
		return;
	ipi_counts[cpu][ipinr]++;
	switch (ipinr) {
	case IPI_RESCHEDULE:
		/*
		 * A no-op for now: only CPU 0 schedules tasks, and it does so from
		 * its own tick and from schedule() calls. With per-CPU run queues
		 * this will set need-resched for the interrupted task.
		 */
		break;
	case IPI_CALL_FUNC:
		generic_smp_call_function_interrupt(cpu);
		break;
	case IPI_CPU_STOP:
		local_cpu_stop(cpu);
	}
}

/*
 * Callers have IRQs on (Linux WARNs otherwise): the lock holder waits for
 * its targets to take an IPI, and a target spinning here for the lock with
 * IRQs masked would never take it. Tasks run on CPU 0 only, so a caller
 * cannot migrate between smp_processor_id() and the send.
 */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t fn, void *info, bool wait)
{
	unsigned int self = smp_processor_id(), cpu;
	struct cpumask targets = { 0 };

	if (!smp_ipis_available())
		return;
	WARN_ON(irqs_disabled());
	spin_lock(&call_function_lock);
	for_each_online_cpu(cpu) {
		struct call_single_data *c = &csd[cpu];

		if (cpu == self || !cpumask_test_cpu(cpu, mask))
			continue;
		/* A call made without wait may still be running there. */
		while (__atomic_load_n(&c->pending, __ATOMIC_ACQUIRE))
			cpu_relax();
		c->fn = fn;
		c->info = info;
		__atomic_store_n(&c->pending, 1, __ATOMIC_RELEASE);
		cpumask_set_cpu(cpu, &targets);
	}
	if (targets.bits)
		smp_cross_call(&targets, IPI_CALL_FUNC);
	if (wait)
		for_each_cpu(cpu, &targets)
			while (__atomic_load_n(&csd[cpu].pending, __ATOMIC_ACQUIRE))
				cpu_relax();
	spin_unlock(&call_function_lock);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait)
{
	struct cpumask mask = { 0 };

	if (cpu == smp_processor_id()) {
		unsigned long flags = arch_local_irq_save();	/* as on a target: in an IRQ handler */

		fn(info);
		arch_local_irq_restore(flags);
		return 0;
	}
	if (!cpu_online(cpu) || !smp_ipis_available())
		return -ENXIO;
	cpumask_set_cpu(cpu, &mask);
	smp_call_function_many(&mask, fn, info, wait);
	return 0;
}

void on_each_cpu(smp_call_func_t fn, void *info, bool wait)
{
	unsigned long flags;

	smp_call_function_many(cpu_online_mask, fn, info, wait);
	flags = arch_local_irq_save();
	fn(info);
	arch_local_irq_restore(flags);
}

void smp_send_reschedule(unsigned int cpu)
{
	struct cpumask mask = { 0 };

	if (!cpu_online(cpu) || !smp_ipis_available())
		return;
	cpumask_set_cpu(cpu, &mask);
	smp_cross_call(&mask, IPI_RESCHEDULE);
}

/*
 * panic(): the other CPUs stop where they are (Linux: smp_send_stop), so
 * nothing runs on while the panicking CPU reports. Waits up to a second.
 */
void smp_send_stop(void)
{
	struct cpumask mask = { __atomic_load_n(&__cpu_online_mask.bits, __ATOMIC_ACQUIRE) };
	u64 deadline;

	cpumask_clear_cpu(smp_processor_id(), &mask);
	if (!mask.bits || !smp_ipis_available())
		return;
	smp_cross_call(&mask, IPI_CPU_STOP);
	deadline = arch_counter_get_cntvct() + arch_timer_get_cntfrq();
	while (num_online_cpus() > 1 && arch_counter_get_cntvct() < deadline)
		cpu_relax();
	if (num_online_cpus() > 1)
		printk("smp: failed to stop secondary CPUs\n");
}

/* ---- Bring-up ------------------------------------------------------------ */

/* Clean [p, p + size) to the point of coherency, for a reader with its MMU off. */
static void dcache_clean_poc(const void *p, unsigned long size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);	/* CTR_EL0.DminLine */
	unsigned long a = (unsigned long)p & ~(line - 1), end = (unsigned long)p + size;

	for (; a < end; a += line)
		__asm__ __volatile__("dc civac, %0" :: "r"(a) : "memory");
	dsb(sy);
}

/*
 * Where a secondary CPU arrives from boot/head.S, MMU on, on its own
 * stack, TPIDR_EL1 = its cpu_info, TTBR0 = the identity map.
 */
void __noreturn secondary_start_kernel(void)
{
	unsigned int cpu = smp_processor_id();
	const struct irq_chip *chip = irq_get_chip();
	u64 mpidr = read_sysreg(mpidr_el1);

	/* The identity map was only for turning the MMU on (Linux: cpu_uninstall_idmap). */
	cpu_set_reserved_ttbr0();
	/* Local TLBI by hand: local_flush_tlb_all() would count it in CPU 0's tlb_stats. */
	__asm__ __volatile__("tlbi vmalle1; dsb nsh; isb" ::: "memory");
	/* Per-CPU state the boot CPU set for itself: PSTATE.PAN, CPACR_EL1.FPEN. */
	if (arm64_pan_enabled)
		__asm__ __volatile__(SET_PSTATE_PAN_1 ::: "memory");
	if (system_supports_fpsimd()) {
		write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN, cpacr_el1);
		isb();
	}
	if (chip->cpu_init()) {
		printk("CPU%u: no interrupt controller interface: stays offline\n", cpu);
		for (;;)
			__asm__ __volatile__("wfi");	/* DAIF still masked since entry */
	}
	printk("CPU%u: Booted secondary processor 0x%010lx [0x%08lx]\n", cpu,
	       (unsigned long)(mpidr & MPIDR_HWID_BITMASK), (unsigned long)read_sysreg(midr_el1));
	/* Release: everything above is visible to whoever sees us online (cpumask.h). */
	set_cpu_online(cpu, true);
	/*
	 * The idle loop: WFI with IRQs on. Only IPIs reach this CPU (its timer
	 * PPI stays disabled: jiffies and scheduling are CPU 0's); each is
	 * handled by the vector, then WFI again (Linux: do_idle, cpu_do_idle).
	 */
	local_irq_enable();
	for (;;)
		__asm__ __volatile__("wfi");
}

/* Start one CPU and wait up to a second for it to come online (Linux: __cpu_up). */
static int __cpu_up(unsigned int cpu)
{
	phys_addr_t entry = __pa_symbol(secondary_entry);
	u64 deadline;
	int ret;

	cpu_info[cpu] = (struct cpu_info){ .cpu = cpu };
	secondary_data.ttbr1 = read_sysreg(ttbr1_el1);
	secondary_data.tcr = read_sysreg(tcr_el1);
	secondary_data.sctlr = read_sysreg(sctlr_el1);
	secondary_data.stack = (u64)(secondary_stacks[cpu - 1] + SECONDARY_STACK_SIZE);
	secondary_data.cpu_info = (u64)&cpu_info[cpu];
	dcache_clean_poc(&secondary_data, sizeof(secondary_data));

	if (cpu_map[cpu].method == EM_PSCI) {
		ret = psci_cpu_on(cpu_map[cpu].hwid, entry);
		if (ret) {
			printk("CPU%u: PSCI CPU_ON failed: %d\n", cpu, ret);
			return -EIO;
		}
	} else if (spin_table_release(cpu_map[cpu].name, cpu_map[cpu].release_addr, entry)) {
		return -EIO;
	}
	deadline = arch_counter_get_cntvct() + arch_timer_get_cntfrq();
	while (!cpu_online(cpu) && arch_counter_get_cntvct() < deadline)
		cpu_relax();
	return cpu_online(cpu) ? 0 : -EIO;
}

/* Bring up the secondaries (Linux: smp_init, bringup_nonboot_cpus). */
void smp_init(void)
{
	bool ipis = smp_ipis_available();
	unsigned int cpu;

	if (num_possible_cpus() > 1 && !ipis)
		printk("smp: %s cannot send IPIs: secondary CPUs not brought up\n",
		       irq_get_chip() ? irq_get_chip()->name : "no interrupt controller");
	else if (num_possible_cpus() > 1 && max_cpus > 1)
		printk("smp: Bringing up secondary CPUs ...\n");
	for_each_possible_cpu(cpu) {
		if (cpu == 0)
			continue;
		if (!ipis || cpu >= max_cpus) {
			/* Off under PSCI; a spin-table core stops polling. */
			if (cpu_map[cpu].method == EM_SPIN_TABLE &&
			    spin_table_release(cpu_map[cpu].name, cpu_map[cpu].release_addr,
					       __pa_symbol(secondary_park)) == 0)
				printk("smp: CPU%u (%s) parked in WFI%s\n", cpu, cpu_map[cpu].name,
				       ipis ? " (maxcpus/nosmp)" : "");
			continue;
		}
		if (__cpu_up(cpu))
			printk("CPU%u: failed to come online\n", cpu);
	}
	printk("smp: Brought up 1 node, %u CPU%s\n", num_online_cpus(), num_online_cpus() == 1 ? "" : "s");
	if (panic_after_smp)
		panic("test.panic_after_smp: panicking on purpose with %u CPUs online", num_online_cpus());
}

void show_ipi_list(void)
{
	unsigned int cpu;

	if (!smp_ipis_available())
		return;
	/* One printk per row: a line printed in pieces could interleave with another CPU's. */
	for (unsigned int i = 0; i < NR_IPI; i++) {
		char row[128];
		int n = snprintf(row, sizeof(row), "IPI%u:", i);

		for_each_possible_cpu(cpu)
			n += snprintf(row + n, sizeof(row) - (size_t)n, " %10lu", ipi_count(cpu, i));
		printk("%s  %s\n", row, ipi_types[i]);
	}
}

void show_cpus(void)
{
	static const char *const methods[] = { [EM_NONE] = "boot", [EM_PSCI] = "psci",
					       [EM_SPIN_TABLE] = "spin-table" };
	unsigned int cpu;

	printk("CPU  MPIDR         state    enable-method  node\n");
	for_each_possible_cpu(cpu)
		printk("%3u  0x%010lx  %-7s  %-13s  %s\n", cpu, (unsigned long)cpu_map[cpu].hwid,
		       cpu_online(cpu) ? "online" : "offline", methods[cpu_map[cpu].method],
		       cpu_map[cpu].name ? cpu_map[cpu].name : "?");
	printk("%u of %u possible CPUs online (maxcpus %u); tasks run on CPU 0 only\n",
	       num_online_cpus(), num_possible_cpus(), max_cpus);
}

static int cmd_cpus(int argc, char **argv)
{
	show_cpus();
	return 0;
}
shell_command("cpus", "cpus", "the CPUs: logical number, MPIDR, online or not, enable-method (like lscpu)",
	      cmd_cpus);
