/* The tick: jiffies counts timer interrupts at HZ per second (default 100, bootarg hz=). */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H
#include <linux/types.h>

extern volatile unsigned long jiffies;
extern unsigned int HZ;

/* Start the EL1 virtual timer found in the DT ("arm,armv8-timer"). Returns 0 or -1. */
int arch_timer_init(void);
u64 arch_timer_get_cntfrq(void);
/* The virtual counter, CNTVCT_EL0. Under -icount shift=4,align=off,sleep=off it ticks once per instruction. */
u64 arch_counter_get_cntvct(void);
/* Called on every tick (the scheduler hooks in here). */
void update_process_times(void);

#endif
