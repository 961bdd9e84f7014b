/*
 * Error numbers, shared by the kernel and user programs. The values are
 * Linux's (include/uapi/asm-generic/errno-base.h), so a system call that
 * fails returns the same -errno here as on Linux arm64.
 */
#ifndef _UAPI_ERRNO_H
#define _UAPI_ERRNO_H

#define EPERM		1	/* Operation not permitted */
#define ENOENT		2	/* No such file or directory (spawn: no such program) */
#define ESRCH		3	/* No such process */
#define EINTR		4	/* Interrupted system call */
#define EIO		5	/* I/O error */
#define ENXIO		6	/* No such device or address (smp_call_function_single: CPU offline) */
#define E2BIG		7	/* Argument list too long */
#define ENOEXEC		8	/* Exec format error */
#define EBADF		9	/* Bad file number */
#define ECHILD		10	/* No child processes */
#define EAGAIN		11	/* Try again */
#define ENOMEM		12	/* Out of memory */
#define EACCES		13	/* Permission denied (set_oom_score_adj below the minimum) */
#define EFAULT		14	/* Bad address */
#define EBUSY		16	/* Device or resource busy */
#define EEXIST		17	/* File exists */
#define ENODEV		19	/* No such device */
#define EINVAL		22	/* Invalid argument */
#define ENOSPC		28	/* No space left on device */
#define ENOSYS		38	/* Invalid system call number */

/* The largest errno: a raw syscall result in [-MAX_ERRNO, -1] is an error. */
#define MAX_ERRNO	4095

#endif
