/*
 * Choose the console the way Linux's of_console_check/earlycon does: the
 * node /chosen/stdout-path names, else the first PL011 in the tree. Its
 * address comes from "reg", translated through the parent buses' "ranges".
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/of.h>
#include <asm/io.h>
#include <asm/memory.h>
#include "serial.h"

static const struct {
	const char *compatible;
	struct console *(*setup)(void __iomem *base);
} serial_drivers[] = {
	{ "arm,pl011", pl011_setup },
	{ "brcm,bcm2835-aux-uart", bcm2835_aux_setup },
};

static int serial_probe(int node)
{
	u64 addr, size;
	void __iomem *base;

	for (unsigned int i = 0; i < ARRAY_SIZE(serial_drivers); i++) {
		if (!of_device_is_compatible(node, serial_drivers[i].compatible))
			continue;
		if (of_address_to_resource(node, 0, &addr, &size))
			return -1;
		base = ioremap(addr, size ? size : PAGE_SIZE);
		if (!base)
			return -1;
		register_console(serial_drivers[i].setup(base));
		printk("console: %s at 0x%lx (%s)\n", serial_drivers[i].compatible,
		       (unsigned long)addr, console_get()->name);
		return 0;
	}
	return -1;
}

int serial_console_init(void)
{
	int node = of_stdout_node();

	if (node >= 0 && serial_probe(node) == 0)
		return 0;
	node = of_find_compatible(-1, "arm,pl011");
	if (node >= 0)
		return serial_probe(node);
	return -1;
}

#ifndef EARLY_UART_PA
#define EARLY_UART_PA 0x09000000	/* QEMU virt's PL011 */
#endif

/*
 * With no usable DTB we cannot know where the UART is. This is the one
 * hard-coded device address in the kernel (the design allows an optional
 * early-debug UART): it is used only to explain why we are stopping.
 * Build with EARLY_UART_PA=... for another board.
 */
void early_debug_console_init(void)
{
	void __iomem *base = ioremap(EARLY_UART_PA, PAGE_SIZE);

	if (base)
		register_console(pl011_setup(base));
}
