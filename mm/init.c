/*
 * Memory bring-up at boot: from the device tree's view of RAM to working
 * page and slab allocators (Linux: arch/arm64/mm/init.c, mm/mm_init.c).
 */
#include <linux/kernel.h>
#include "../kernel/setup.h"

void setup_arch_memory(void)
{
}
