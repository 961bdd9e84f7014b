/*
 * printk(): the kernel's log. Output goes to the console (when one is
 * registered) and into a ring buffer, so messages printed before the UART is
 * found are not lost (Linux: kernel/printk/printk.c, the "log_buf").
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/types.h>
#include <linux/compiler.h>

__printf(1, 2) int printk(const char *fmt, ...);
int vprintk(const char *fmt, va_list ap);

/* Formatting core in lib/vsprintf.c. Returns the length the full output would have. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);

#define pr_emerg(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { if (0) printk(fmt, ##__VA_ARGS__); } while (0)



/* For self-tests: the log position now, and the text logged since a position. */
unsigned long log_buf_head(void);
size_t log_buf_copy(char *buf, size_t size, unsigned long since);
/* True if the text logged since `since` contains needle (the newest 16 KiB are searched). */
bool log_contains(unsigned long since, const char *needle);
#endif
