/*
 * CPU masks (Linux: include/linux/cpumask.h), one word: NR_CPUS is 4.
 * cpu_possible_mask: the CPUs the device tree describes (up to NR_CPUS);
 * cpu_online_mask: those running the kernel now (set by each CPU itself,
 * set_cpu_online in secondary_start_kernel; cleared by IPI_CPU_STOP).
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/threads.h>

struct cpumask {
	unsigned long bits;
};

extern struct cpumask __cpu_possible_mask, __cpu_online_mask;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS && (__atomic_load_n(&m->bits, __ATOMIC_ACQUIRE) >> cpu) & 1;
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	return (unsigned int)__builtin_popcountl(__atomic_load_n(&m->bits, __ATOMIC_ACQUIRE));
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_or(&m->bits, 1UL << cpu, __ATOMIC_RELEASE);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_and(&m->bits, ~(1UL << cpu), __ATOMIC_RELEASE);
}

#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)

/* Release ordering: whatever the CPU set up before going online is visible to a CPU that sees it online. */
static inline void set_cpu_online(unsigned int cpu, bool online)
{
	if (online)
		cpumask_set_cpu(cpu, &__cpu_online_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_online_mask);
}

static inline void set_cpu_possible(unsigned int cpu, bool possible)
{
	if (possible)
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
	else
		cpumask_clear_cpu(cpu, &__cpu_possible_mask);
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (cpumask_test_cpu((cpu), (mask)))
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)

#endif
