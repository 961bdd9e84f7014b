/*
 * Several CPUs (Linux: include/linux/smp.h, arch/arm64/kernel/smp.c).
 * Secondary CPUs come up and serve IPIs; tasks still run on CPU 0 only
 * (the scheduler's run queues, and mm locking, are later steps of the
 * SMP work, docs/smp.md).
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>

/* IPIs, each an SGI of the same number (Linux's enum ipi_msg_type order). */
enum ipi_msg_type {
	IPI_RESCHEDULE,		/* no-op for now: nothing is scheduled on secondaries */
	IPI_CALL_FUNC,		/* run the function smp_call_function_* queued for this CPU */
	IPI_CPU_STOP,		/* panic(): print "CPUn: stopping", go offline, stop */
	NR_IPI
};

typedef void (*smp_call_func_t)(void *info);

/* The possible CPUs from the device tree's /cpus (early: before SLUB prints them). */
void smp_init_cpus(void);
/* Bring up the secondaries the device tree offers (after the GIC and timer). */
void smp_init(void);
/* Run fn(info) on cpu (IRQs off there); wait: until it returned. 0, or -ENXIO if cpu is offline. */
int smp_call_function_single(unsigned int cpu, smp_call_func_t fn, void *info, bool wait);
/* On every online CPU in mask but this one. */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t fn, void *info, bool wait);
/* On every online CPU, this one included (here with IRQs off). */
void on_each_cpu(smp_call_func_t fn, void *info, bool wait);
/* Stop every other CPU (panic). */
void smp_send_stop(void);
void smp_send_reschedule(unsigned int cpu);

/* From the interrupt controller's handler for SGIs 0..NR_IPI-1. */
void handle_IPI(unsigned int ipinr);
unsigned long ipi_count(unsigned int cpu, unsigned int ipinr);
const char *ipi_name(unsigned int ipinr);
/* Can the interrupt controller send IPIs (GICv2/v3 yes, the Pi 3's BCM2836 not driven)? */
bool smp_ipis_available(void);
/* The device tree's CPUs (possible), maxcpus= applied, 1 without IPIs: how many should be online. */
unsigned int smp_cpus_expected(void);
u64 cpu_logical_map(unsigned int cpu);
void show_ipi_list(void);
void show_cpus(void);

#endif
