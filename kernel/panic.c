/*
 * panic(): the kernel found one of its own invariants broken. Print why and
 * where we were, then stop -- with a failing exit status when running under
 * the self-test harness, so a panic can never look like a pass.
 * Linux: kernel/panic.c.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

static int panicking;

void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	if (panicking++)
		machine_halt();
	printk("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	dump_backtrace((unsigned long)__builtin_frame_address(0), 0);
	smp_send_stop();	/* the other CPUs print "CPUn: stopping" and halt */
	printk("---[ end Kernel panic ]---\n");
	machine_exit(3);
}
