/*
 * printk: format into a line, append it to the log buffer, write it to the
 * console. Messages printed before a console is registered stay in the log
 * and are replayed when it arrives (Linux: kernel/printk/printk.c; its ring
 * buffer is far more elaborate). One lock serialises output so lines from
 * an interrupt handler never land in the middle of another line.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/spinlock.h>
#include <string.h>

#define LOG_BUF_LEN	(1 << 16)

static char log_buf[LOG_BUF_LEN];
static unsigned long log_head;		/* total bytes ever logged; index = head % LEN */
static struct console *console;
static DEFINE_SPINLOCK(printk_lock);

static void console_write(const char *s, size_t n)
{
	if (console)
		console->write(console, s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char line[512];
	unsigned long flags;
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1;

	spin_lock_irqsave(&printk_lock, flags);
	for (size_t i = 0; i < len; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = line[i];
	log_head += len;
	console_write(line, len);
	spin_unlock_irqrestore(&printk_lock, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void register_console(struct console *con)
{
	unsigned long flags;
	unsigned long start = log_head > LOG_BUF_LEN ? log_head - LOG_BUF_LEN : 0;

	spin_lock_irqsave(&printk_lock, flags);
	console = con;
	for (unsigned long i = start; i < log_head; i++)
		console_write(&log_buf[i % LOG_BUF_LEN], 1);
	spin_unlock_irqrestore(&printk_lock, flags);
}

struct console *console_get(void)
{
	return console;
}

/* Copy the newest bytes of the log (up to size - 1) into buf, for tests and dmesg. */
size_t log_buf_copy(char *buf, size_t size, unsigned long since)
{
	unsigned long start = since;
	size_t n = 0;

	if (log_head > LOG_BUF_LEN && start < log_head - LOG_BUF_LEN)
		start = log_head - LOG_BUF_LEN;
	for (unsigned long i = start; i < log_head && n + 1 < size; i++)
		buf[n++] = log_buf[i % LOG_BUF_LEN];
	if (size)
		buf[n] = 0;
	return n;
}

unsigned long log_buf_head(void)
{
	return log_head;
}

/* Does the log written since position `since` contain needle? (self-tests check reports with it) */
bool log_contains(unsigned long since, const char *needle)
{
	static char buf[16384];
	static DEFINE_SPINLOCK(buf_lock);
	unsigned long flags;
	bool found;

	spin_lock_irqsave(&buf_lock, flags);
	log_buf_copy(buf, sizeof(buf), since);
	found = strstr(buf, needle) != NULL;
	spin_unlock_irqrestore(&buf_lock, flags);
	return found;
}
