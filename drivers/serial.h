/* UART drivers' setup functions, for drivers/serial.c. */
#ifndef _DRIVERS_SERIAL_H
#define _DRIVERS_SERIAL_H
#include <linux/console.h>
#include <asm/io.h>
struct console *pl011_setup(void __iomem *base);
struct console *bcm2835_aux_setup(void __iomem *base);
#endif
