/* kernel/exec.c, for kernel/fork.c. */
#ifndef _KERNEL_EXEC_H
#define _KERNEL_EXEC_H
#include <linux/mm_types_task.h>

#define EXEC_MAX_ARGS		16
#define EXEC_MAX_ARG_BYTES	1024

struct exec_entry {
	unsigned long pc, sp, argv;
};

/* Load program name into mm with argv; fills the EL0 entry state. Returns 0 or -errno. */
int exec_load(struct mm_struct *mm, const char *name, int argc, char *const argv[], struct exec_entry *entry);
#endif
