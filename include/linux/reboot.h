/* Stopping the machine: PSCI on virt, a halt loop where there is no PSCI (the Pi). */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H
#include <linux/compiler.h>

/* Find /psci in the device tree (conduit "hvc" or "smc"). */
void psci_init(void);
__noreturn void machine_power_off(void);
__noreturn void machine_halt(void);
/* Semihosting exit with a status; falls back to machine_power_off when not enabled. */
__noreturn void machine_exit(int status);
bool semihosting_enabled(void);

#endif
