/*
 * System call wrappers, POSIX style: on failure they return -1 (MAP_FAILED
 * for mmap, see sys/mman.h) and leave the error in errno. syscall.h has the
 * raw calls that return -errno instead.
 */
#ifndef _USER_UNISTD_H
#define _USER_UNISTD_H

#include <stddef.h>
#include <linux/compiler.h>
#include <uapi/unistd.h>

typedef long ssize_t;
typedef int pid_t;

ssize_t write(int fd, const void *buf, size_t len);
__noreturn void _exit(int code);
pid_t getpid(void);
int sched_yield(void);
/* Sleep for ms milliseconds (our call 101 takes ms, not a timespec). */
int sleep_ms(unsigned long ms);

/* The program break: brk() sets it (0 or -1/ENOMEM), sbrk() moves it by incr and returns the old one. */
int brk(void *addr);
void *sbrk(long incr);

/* Start an embedded program by name; argv is NULL-terminated. Returns the child's pid. */
pid_t spawn(const char *name, char *const argv[]);
int set_oom_score_adj(pid_t pid, int adj);

#define STDOUT_FILENO	1
#define STDERR_FILENO	2

#endif
