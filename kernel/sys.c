/*
 * The system calls (Linux spreads them over kernel/sys.c, mm/mmap.c,
 * kernel/exit.c ...). Every pointer from user space goes through
 * copy_from_user/copy_to_user/strncpy_from_user; every bad argument returns
 * -errno and leaves the kernel as it was.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/errno.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <uapi/mman.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <limits.h>
#include "exec.h"

#define SYSCALL(name) static long name(unsigned long a0, unsigned long a1, unsigned long a2, \
				       unsigned long a3, unsigned long a4, unsigned long a5)
#define UNUSED_ARGS (void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5

/* write(fd, buf, len): fds 1 and 2 are the console, copied in 256-byte chunks. */
SYSCALL(sys_write)
{
	const char __user *buf = (const char __user *)a1;
	unsigned long len = a2, done = 0;
	char chunk[256];

	UNUSED_ARGS;
	if (a0 != 1 && a0 != 2)
		return -EBADF;
	if (!access_ok(buf, len))
		return -EFAULT;
	while (done < len) {
		unsigned long n = min(len - done, (unsigned long)sizeof(chunk));

		/*
		 * A write may be gigabytes long (each page faulted in on the
		 * way): let others run, and stop for a kill, between chunks
		 * (Linux: cond_resched and fatal_signal_pending in its write
		 * loops, e.g. generic_perform_write). The kernel is not
		 * preemptible, so without this nothing else runs until it ends.
		 */
		cond_resched();
		if (current->killed)
			return done ? (long)done : -EINTR;
		if (copy_from_user(chunk, buf + done, n))
			return done ? (long)done : -EFAULT;
		printk("%.*s", (int)n, chunk);
		done += n;
	}
	return (long)done;
}

SYSCALL(sys_exit)
{
	UNUSED_ARGS;
	do_exit(W_EXITCODE((int)a0, 0));
}

SYSCALL(sys_getpid)
{
	UNUSED_ARGS;
	return current->pid;
}

SYSCALL(sys_sched_yield)
{
	UNUSED_ARGS;
	yield();
	return 0;
}

SYSCALL(sys_sleep_ms)
{
	UNUSED_ARGS;
	if (a0 > 3600 * 1000UL)
		return -EINVAL;
	msleep((unsigned int)a0);
	return current->killed ? -EINTR : 0;
}

SYSCALL(sys_brk)
{
	UNUSED_ARGS;
	if (a0 == 0)
		return (long)current->mm->brk;
	return do_brk(current->mm, a0);
}

SYSCALL(sys_mmap)
{
	UNUSED_ARGS;
	if ((long)a4 != -1 && !(a3 & 0x20))	/* a file descriptor: no files here */
		return -EBADF;
	if (a5)
		return -EINVAL;
	if (a2 & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;		/* prot is 64 bits wide: no bit may be lost */
	return do_mmap(current->mm, a0, a1, (int)a2, (int)a3);
}

SYSCALL(sys_munmap)
{
	UNUSED_ARGS;
	return do_munmap(current->mm, a0, a1);
}

SYSCALL(sys_mprotect)
{
	UNUSED_ARGS;
	if (a2 & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	return do_mprotect(current->mm, a0, a1, (int)a2);
}

SYSCALL(sys_kill)
{
	struct task_struct *t;

	UNUSED_ARGS;
	if ((long)a0 <= 0)
		return -EINVAL;
	if (a1 != 0 && a1 != SIGKILL && a1 != SIGTERM)
		return -EINVAL;
	if (a0 > INT_MAX)
		return -ESRCH;		/* as set_oom_score_adj: 2^32 + pid is not pid */
	t = find_task_by_pid((int)a0);
	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	if (a1 == 0)
		return 0;
	return kill_task((int)a0);
}

SYSCALL(sys_wait)
{
	int status = 0, pid;

	UNUSED_ARGS;
	if (a1 && !access_ok((void __user *)a1, sizeof(int)))
		return -EFAULT;
	if ((long)a0 != -1 && a0 > INT_MAX)
		return -ECHILD;		/* a pid is an int: 2^32 + pid is no child of ours */
	pid = kernel_wait((int)a0, &status);
	if (pid > 0 && a1 && copy_to_user((void __user *)a1, &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

/* spawn(name, argv): copy the name and every argument string into the kernel first. */
SYSCALL(sys_spawn)
{
	static char names[EXEC_MAX_ARG_BYTES + 32];
	char *argv[EXEC_MAX_ARGS + 1], *p = names;
	long len;
	int argc = 0;

	UNUSED_ARGS;
	len = strncpy_from_user(p, (const char __user *)a0, 32);
	if (len < 0)
		return -EFAULT;
	if (len == 0 || len >= 32)
		return -ENOENT;
	if (!a1) {
		argv[argc++] = p;
	} else {
		char *end = names + sizeof(names);

		p += len + 1;
		for (;;) {
			u64 uptr;

			if (copy_from_user(&uptr, (const void __user *)(a1 + 8 * argc), 8))
				return -EFAULT;
			if (!uptr)
				break;
			if (argc == EXEC_MAX_ARGS)
				return -E2BIG;
			len = strncpy_from_user(p, (const char __user *)uptr, end - p);
			if (len < 0)
				return -EFAULT;
			if (p + len >= end)
				return -E2BIG;
			argv[argc++] = p;
			p += len + 1;
		}
		if (argc == 0)
			argv[argc++] = names;
	}
	return spawn_user(names, argc, argv, current);
}

/*
 * Linux: capable(CAP_SYS_RESOURCE). Kernel threads run with every
 * capability, as Linux's do (they have init_cred).
 */
bool capable_sys_resource(void)
{
	return (current->flags & PF_KTHREAD) || current->cap_sys_resource;
}

/* Is t current or below it in the parent chain? (Orphans go to init and leave the chain.) */
static bool is_self_or_descendant(const struct task_struct *t)
{
	for (; t; t = t->parent)
		if (t == current)
			return true;
	return false;
}

int set_oom_score_adj(struct task_struct *task, long adj)
{
	bool privileged = capable_sys_resource();

	if (task->flags & PF_KTHREAD)
		return -EPERM;		/* kernel threads are never OOM victims: their value means nothing */
	/*
	 * Who may write at all. Linux: /proc/PID/oom_score_adj is mode 0644
	 * and belongs to the task's user, so open() for writing fails for
	 * another user's task unless the writer has CAP_DAC_OVERRIDE (root).
	 * Here there are no users: an unprivileged task owns itself and what
	 * it spawned, and the refusal is -EPERM, as kill() answers for a task
	 * one may not signal (Linux's open gives -EACCES).
	 */
	if (!privileged && !is_self_or_descendant(task))
		return -EPERM;
	if (adj < -1000 || adj > 1000)
		return -EINVAL;
	/*
	 * Linux: __set_oom_adj, fs/proc/base.c: below oom_score_adj_min only
	 * with CAP_SYS_RESOURCE, else -EACCES; a privileged write moves the
	 * minimum to the value written (so a task made -500 by root may later
	 * go back down to -500 itself, and its children inherit that).
	 */
	if (adj < task->oom_score_adj_min && !privileged)
		return -EACCES;
	task->oom_score_adj = (int)adj;
	if (privileged)
		task->oom_score_adj_min = (int)adj;
	return 0;
}

SYSCALL(sys_set_oom_score_adj)
{
	struct task_struct *t;

	UNUSED_ARGS;
	if (a0 > INT_MAX)
		return -ESRCH;		/* a pid is an int: 2^32 must not become pid 0 */
	t = a0 ? find_task_by_pid((int)a0) : current;
	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	return set_oom_score_adj(t, (long)a1);
}

const syscall_fn_t sys_call_table[NR_SYSCALLS] = {
	[__NR_write] = sys_write,
	[__NR_exit] = sys_exit,
	[__NR_sleep_ms] = sys_sleep_ms,
	[__NR_sched_yield] = sys_sched_yield,
	[__NR_kill] = sys_kill,
	[__NR_getpid] = sys_getpid,
	[__NR_brk] = sys_brk,
	[__NR_munmap] = sys_munmap,
	[__NR_mmap] = sys_mmap,
	[__NR_mprotect] = sys_mprotect,
	[__NR_wait] = sys_wait,
	[__NR_spawn] = sys_spawn,
	[__NR_set_oom_score_adj] = sys_set_oom_score_adj,
};
