/* The system call table (kernel/sys.c); numbers in include/uapi/unistd.h. */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

typedef long (*syscall_fn_t)(unsigned long, unsigned long, unsigned long,
			     unsigned long, unsigned long, unsigned long);

#include <uapi/unistd.h>
extern const syscall_fn_t sys_call_table[NR_SYSCALLS];

#endif
