/*
 * Tasks and the scheduler (kernel/sched.c, fork.c, exit.c; Linux:
 * include/linux/sched.h, kernel/sched/core.c). One CPU, round robin: a user
 * task runs until its time slice (SCHED_SLICE ticks) ends, it sleeps or it
 * exits; the tick sets need_resched and the switch happens on the way back
 * to EL0. Kernel threads (the shell, kswapd) give the CPU up themselves by
 * sleeping or calling schedule(): kernel code is not preempted, so a spinlock
 * never spins against a descheduled holder on one CPU.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/fpsimd.h>

#define TASK_COMM_LEN	16
#define THREAD_ORDER	2			/* kernel stacks: 4 pages */
#define THREAD_SIZE	(PAGE_SIZE << THREAD_ORDER)
#define SCHED_SLICE	5			/* ticks per time slice */

/*
 * The lowest word of every kernel stack holds this (Linux: STACK_END_MAGIC,
 * include/uapi/linux/magic.h, written by set_task_stack_end_magic). The
 * stack grows down towards it: a task that used all THREAD_SIZE bytes has
 * overwritten it, and task_stack_end_corrupted() sees that.
 */
#define STACK_END_MAGIC	0x57AC6E9DUL

enum task_state {
	TASK_RUNNING,		/* on the run queue (or running) */
	TASK_INTERRUPTIBLE,	/* sleeping: woken by wake_up_process, a timeout or a kill */
	TASK_ZOMBIE,		/* exited, waiting for its parent to reap it */
};

#define PF_KTHREAD	0x1
#define PF_MEMALLOC	0x2	/* reclaiming: allocations skip watermarks and never reclaim */
#define PF_KSWAPD	0x4	/* this is kswapd (its reclaim counts as pgscan_kswapd ...) */

/* Callee-saved registers across cpu_switch_to (arch/arm64/kernel/switch.S), as Linux's cpu_context. */
struct cpu_context {
	unsigned long x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
	unsigned long fp, sp, pc;
};

struct mm_struct;

struct task_struct {
	struct cpu_context cpu_context;	/* first: switch.S uses offset 0 */
	int pid;
	char comm[TASK_COMM_LEN];
	enum task_state state;
	unsigned int flags;		/* PF_* */
	struct mm_struct *mm;		/* NULL for kernel threads */
	void *stack;			/* kernel stack, THREAD_SIZE bytes */
	struct list_head tasks;		/* every task (task_list) */
	struct list_head run_list;	/* on the run queue while TASK_RUNNING */
	struct task_struct *parent;
	int exit_code;
	bool killed;			/* a kill is pending: exit on the way to EL0 */
	int oom_score_adj;		/* -1000 (never) .. 1000; inherited at spawn */
	/*
	 * The lowest oom_score_adj a task without cap_sys_resource may write
	 * (Linux: signal->oom_score_adj_min). A privileged write sets it to the
	 * value written (__set_oom_adj); inherited at spawn (copy_signal).
	 */
	int oom_score_adj_min;
	/*
	 * The one capability here: CAP_SYS_RESOURCE (Linux: a bit of
	 * cred->cap_effective, checked by capable()). True for a user task the
	 * kernel spawned (parent a kernel thread, or none: the shell's `run`,
	 * the self-tests, init) -- root; false for one a user task spawned.
	 * Kernel threads are always privileged (capable_sys_resource()).
	 */
	bool cap_sys_resource;
	unsigned long wake_at;		/* jiffies a sleep ends at; 0 = no timeout */
	unsigned int slice;		/* ticks left in this time slice */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary context switches */
	unsigned long start_jiffies;
	/*
	 * A user task's FP/SIMD registers and TPIDR_EL0 while it is not in the
	 * CPU (Linux: thread.uw.fpsimd_state, thread.uw.tp_value). Saved and
	 * loaded by fpsimd_thread_switch (arch/arm64/kernel/fpsimd.c).
	 */
	struct user_fpsimd_state fpsimd_state;
	unsigned long tp_value;
};

/* The running task: this CPU's cpu_info->current (TPIDR_EL1). */
struct task_struct *get_current(void);
#define current get_current()

extern struct list_head task_list;
extern bool need_resched;

void sched_init(void);
/* The idle task's loop (kernel/sched.c): reap orphans, wait for an interrupt, schedule. */
__noreturn void cpu_idle(void);
/* Pick the next runnable task and switch to it. Call with interrupts enabled or disabled. */
void schedule(void);
/* Give up the CPU if the time slice is over (a kernel thread's preemption point). */
void cond_resched(void);
void yield(void);
/* Make a sleeping task runnable. */
void wake_up_process(struct task_struct *t);
/* Sleep for ms milliseconds (at least one tick); returns early if killed. */
void msleep(unsigned int ms);
struct task_struct *find_task_by_pid(int pid);

/* Start a kernel thread running fn(arg); returns the task or NULL. */
struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name);
/*
 * Start an embedded user program (user/) by name with argv (kernel
 * pointers). parent gets the child. Returns the pid or -errno.
 */
int spawn_user(const char *name, int argc, char *const argv[], struct task_struct *parent);

/*
 * kernel.threads-max (Linux: max_threads, kernel/fork.c): spawn_user
 * returns -EAGAIN once nr_threads tasks exist (Linux: copy_process).
 * Owner: kernel/fork.c. nr_threads changes with task_list (sched_add,
 * release_task), under the same interrupts-off section; max_threads is
 * written by the sysctl (kernel/sysctl.c) and read by spawn_user.
 */
#define MIN_THREADS	20		/* Linux: the default is never below this */
#define MAX_THREADS	0x3fffffff	/* Linux: FUTEX_TID_MASK */
extern int nr_threads;			/* tasks in task_list but the idle task, zombies included */
extern int max_threads;
/* The default: RAM / (8 * THREAD_SIZE), at least MIN_THREADS (Linux: set_max_threads). */
void fork_init(void);
/* Free a task's stack and struct (kernel/fork.c; called by release_task when reaped). */
void free_task(struct task_struct *t);

/*
 * meminfo's task counters (kernel/fork.c, read by mm/show_mem.c): the
 * kernel stacks allocated (Linux: NR_KERNEL_STACK_KB) and the resident
 * anonymous pages of every live task (Linux: NR_ANON_MAPPED).
 */
unsigned long nr_kernel_stack_kb(void);
unsigned long nr_anon_pages(void);

/* May current do what Linux allows with CAP_SYS_RESOURCE? Kernel threads may. */
bool capable_sys_resource(void);
/*
 * Set task's oom_score_adj as current (Linux: __set_oom_adj and the
 * permission check of /proc/PID/oom_score_adj): -EPERM for a kernel thread
 * or, unprivileged, for a task that is not current or its descendant;
 * -EINVAL outside -1000..1000; -EACCES, unprivileged, below the task's
 * oom_score_adj_min. A privileged write also sets oom_score_adj_min.
 */
int set_oom_score_adj(struct task_struct *task, long adj);
/* Wait for a child (pid, or -1 for any): returns its pid and exit code, -ECHILD if none. */
int kernel_wait(int pid, int *status);
/* End the current task: free its memory, become a zombie, wake the parent. */
__noreturn void do_exit(int code);
/* Mark a task for death (exits before returning to EL0). -ESRCH / -EPERM. */
int kill_task(int pid);
/* Kill the current user task after a fatal fault, with the report already printed. */
__noreturn void force_sig_segv(void);

/*
 * Mark the current task as reclaiming for a while; nests (Linux:
 * memalloc_noreclaim_save / _restore in include/linux/sched/mm.h).
 */
static inline unsigned int memalloc_noreclaim_save(void)
{
	unsigned int old = current->flags & PF_MEMALLOC;

	current->flags |= PF_MEMALLOC;
	return old;
}

static inline void memalloc_noreclaim_restore(unsigned int old)
{
	current->flags = (current->flags & ~PF_MEMALLOC) | old;
}

/* In an interrupt handler (Linux: in_interrupt, from the preempt count). */
static inline bool in_interrupt(void)
{
	return this_cpu_info()->hardirq_depth != 0;
}

/*
 * Kernel stack overflow detection (kernel/fork.c, kernel/sched.c; Linux:
 * end_of_stack, set_task_stack_end_magic, task_stack_end_corrupted and the
 * check in schedule_debug).
 */
/* The lowest word of t's kernel stack, where STACK_END_MAGIC lives. */
unsigned long *end_of_stack(const struct task_struct *t);
/* Write STACK_END_MAGIC there: alloc_task, and sched_init for the boot stack. */
void set_task_stack_end_magic(struct task_struct *t);
/* Has t's stack reached its last word? (false for a task without a stack yet) */
bool task_stack_end_corrupted(const struct task_struct *t);
/*
 * If t's STACK_END_MAGIC is gone, print "kernel stack of task N (name)
 * overflowed" and return -1; else return 0. Never panics (the self-test
 * calls it on a task whose canary it damaged on purpose).
 */
int report_task_stack_end(const struct task_struct *t);
/*
 * The same check, but a corrupted stack end is fatal: panic. Called by
 * schedule() for the task leaving the CPU and by the exception handlers
 * for the interrupted task.
 */
void check_task_stack_end(const struct task_struct *t);

/* Called from the timer tick. */
void scheduler_tick(void);
/* First code a new task runs (arch/arm64/kernel/switch.S calls it). */
void schedule_tail(struct task_struct *prev);

/* Release the current task's finished children, reporting each (the shell's jobs). */
void reap_background_jobs(void);
/* Release zombies whose parent is gone. */
void reap_orphans(void);

#endif
