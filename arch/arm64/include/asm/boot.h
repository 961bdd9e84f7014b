/* What boot/ hands to start_kernel about how and where we were loaded. */
#ifndef _ASM_BOOT_H
#define _ASM_BOOT_H

#include <linux/types.h>
#include <asm/boot_info.h>

extern u32 boot_entry_el;		/* 1 or 2, from head.S */
extern u64 boot_dtb_pa;
extern u64 init_pg_dir[], init_idmap_pg_dir[];
extern char _text[], _etext[], __start_rodata[], __end_rodata[], _data[], _edata[];
extern char __bss_start[], __bss_end[], _end[];
extern char init_stack[], init_stack_top[];

#endif
