/* Console drivers: where printk output goes and where the shell reads from. */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	int (*getc)(struct console *con);	/* a received byte, or -1 if none waiting */
	void *data;
};

/* Register the boot console; the log so far is replayed to it. */
void register_console(struct console *con);
struct console *console_get(void);

/* Probe the UART /chosen/stdout-path names (drivers/serial.c). Returns 0 or -1. */
int serial_console_init(void);
/* Last-resort console at a build-time address, used only when there is no valid DTB. */
void early_debug_console_init(void);

#endif
