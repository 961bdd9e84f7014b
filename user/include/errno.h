/* errno: set by the libc wrappers when a system call fails (one thread, so one variable). */
#ifndef _USER_ERRNO_H
#define _USER_ERRNO_H

#include <uapi/errno.h>

extern int errno;

/* The name of an errno value ("EFAULT"), or "E?" for one we do not know. */
const char *errno_name(int err);

#endif
