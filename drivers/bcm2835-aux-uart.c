/*
 * The BCM2835 "mini UART" (AUX_MU_*, BCM2835 ARM Peripherals, section 2.2):
 * the Raspberry Pi 4's default console on GPIO 14/15. The DT node's reg
 * points at AUX_MU_IO_REG; the registers below are relative to it. Polled,
 * with the line settings the firmware left (enable_uart=1).
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <asm/io.h>
#include "serial.h"

#define AUX_MU_IO	0x00	/* data */
#define AUX_MU_LSR	0x14	/* line status */
#define AUX_MU_LSR_DATA_READY	(1 << 0)
#define AUX_MU_LSR_TX_EMPTY	(1 << 5)

static void aux_putc(void __iomem *base, char c)
{
	while (!(readl_relaxed(base + AUX_MU_LSR) & AUX_MU_LSR_TX_EMPTY))
		cpu_relax();
	writel_relaxed((u32)(unsigned char)c, base + AUX_MU_IO);
}

static void aux_write(struct console *con, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			aux_putc(con->data, '\r');
		aux_putc(con->data, s[i]);
	}
}

static int aux_getc(struct console *con)
{
	void __iomem *base = con->data;

	if (!(readl_relaxed(base + AUX_MU_LSR) & AUX_MU_LSR_DATA_READY))
		return -1;
	return (int)(readl_relaxed(base + AUX_MU_IO) & 0xff);
}

static struct console aux_console = {
	.name = "bcm2835-aux",
	.write = aux_write,
	.getc = aux_getc,
};

struct console *bcm2835_aux_setup(void __iomem *base)
{
	aux_console.data = base;
	return &aux_console;
}
