/*
 * The POSIX-style wrappers around the raw calls in syscall.h: a result in
 * [-4095, -1] becomes errno and -1 (MAP_FAILED for mmap, as in C libraries).
 */
#include <errno.h>
#include <syscall.h>
#include <unistd.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

int errno;

/* Turn a raw result into the C convention. */
static long ret(long r)
{
	if (IS_SYSCALL_ERR(r)) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	return ret(__syscall3(__NR_write, fd, buf, len));
}

__noreturn void _exit(int code)
{
	for (;;)
		__syscall1(__NR_exit, code);
}

pid_t getpid(void)
{
	return (pid_t)__syscall0(__NR_getpid);
}

int sched_yield(void)
{
	return (int)ret(__syscall0(__NR_sched_yield));
}

int sleep_ms(unsigned long ms)
{
	return (int)ret(__syscall1(__NR_sleep_ms, ms));
}

int kill(pid_t pid, int sig)
{
	return (int)ret(__syscall2(__NR_kill, pid, sig));
}

pid_t wait(pid_t pid, int *status)
{
	return (pid_t)ret(__syscall2(__NR_wait, pid, status));
}

pid_t spawn(const char *name, char *const argv[])
{
	return (pid_t)ret(__syscall2(__NR_spawn, name, argv));
}

int set_oom_score_adj(pid_t pid, int adj)
{
	return (int)ret(__syscall2(__NR_set_oom_score_adj, pid, adj));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, long offset)
{
	long r = __syscall6(__NR_mmap, (long)addr, (long)len, prot, flags, fd, offset);

	if (IS_SYSCALL_ERR(r)) {
		errno = (int)-r;
		return MAP_FAILED;
	}
	return (void *)r;
}

int munmap(void *addr, size_t len)
{
	return (int)ret(__syscall2(__NR_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)ret(__syscall3(__NR_mprotect, addr, len, prot));
}

/*
 * The break as the kernel last reported it (0 until the first call).
 * brk returns the break after the call, which is the old one when it
 * refused (uapi/unistd.h), so success is "we got what we asked for".
 */
static unsigned long cur_brk;

int brk(void *addr)
{
	cur_brk = (unsigned long)__syscall1(__NR_brk, addr);
	if (cur_brk != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long incr)
{
	unsigned long old;

	if (!cur_brk)
		cur_brk = (unsigned long)__syscall1(__NR_brk, 0);
	old = cur_brk;
	if (incr && brk((void *)(old + incr)) < 0)
		return (void *)-1;
	return (void *)old;
}
