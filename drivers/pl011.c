/*
 * ARM PrimeCell PL011 UART (ARM DDI 0183): the console on QEMU virt and the
 * Pi's uart0. Polled: transmit waits while the FIFO is full, receive checks
 * the "receive FIFO empty" flag. The baud rate is left as the firmware set it.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <asm/io.h>
#include "serial.h"

#define UARTDR		0x00	/* data */
#define UARTFR		0x18	/* flags */
#define UARTFR_RXFE	(1 << 4)
#define UARTFR_TXFF	(1 << 5)
#define UARTCR		0x30	/* control */
#define UARTCR_UARTEN	(1 << 0)
#define UARTCR_TXE	(1 << 8)
#define UARTCR_RXE	(1 << 9)

static void pl011_putc(void __iomem *base, char c)
{
	while (readl_relaxed(base + UARTFR) & UARTFR_TXFF)
		cpu_relax();
	writel_relaxed((u32)(unsigned char)c, base + UARTDR);
}

static void pl011_write(struct console *con, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc(con->data, '\r');
		pl011_putc(con->data, s[i]);
	}
}

static int pl011_getc(struct console *con)
{
	void __iomem *base = con->data;

	if (readl_relaxed(base + UARTFR) & UARTFR_RXFE)
		return -1;
	return (int)(readl_relaxed(base + UARTDR) & 0xff);
}

static struct console pl011_console = {
	.name = "pl011",
	.write = pl011_write,
	.getc = pl011_getc,
};

struct console *pl011_setup(void __iomem *base)
{
	u32 cr = readl_relaxed(base + UARTCR);

	/* Only make sure it is switched on; the firmware chose the line settings. */
	if ((cr & (UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE)) != (UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE))
		writel_relaxed(cr | UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE, base + UARTCR);
	pl011_console.data = base;
	return &pl011_console;
}
