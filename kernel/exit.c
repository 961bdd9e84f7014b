/*
 * Ending tasks: exit, kill, and the parent's wait that reaps a zombie
 * (Linux: kernel/exit.c do_exit, do_wait, release_task; kernel/signal.c
 * for kill, reduced to one uncatchable signal).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <asm/fpsimd.h>
#include <linux/slab.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/traps.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

/* Orphans go to init (pid 1) if it exists, else to the idle task (auto-reaped). */
static void reparent_children(struct task_struct *dying)
{
	struct task_struct *t, *reaper = find_task_by_pid(1);

	if (reaper == dying)
		reaper = NULL;
	list_for_each_entry(t, &task_list, tasks)
		if (t->parent == dying)
			t->parent = reaper;
	if (reaper)
		wake_up_process(reaper);
}

void do_exit(int code)
{
	struct task_struct *t = current;
	struct mm_struct *mm = t->mm;

	if (t->pid == 0)
		panic("the idle task tried to exit");
	if (mm) {
		/* Leave the address space before freeing it: TTBR0 must not point at freed tables. */
		t->mm = NULL;
		switch_mm(NULL);
		mmput(mm);
	}
	fpsimd_release_task(t);
	local_irq_disable();
	reparent_children(t);
	t->exit_code = code;
	t->state = TASK_ZOMBIE;
	if (t->parent)
		wake_up_process(t->parent);
	schedule();
	panic("zombie %d ran again", t->pid);
}

void force_sig_segv(void)
{
	do_exit(W_EXITCODE(0, SIGSEGV));
}

static void release_task(struct task_struct *t)
{
	unsigned long flags = arch_local_irq_save();

	list_del(&t->tasks);
	nr_threads--;			/* kernel/fork.c counts it in sched_add */
	arch_local_irq_restore(flags);
	free_task(t);
}

/* Orphaned zombies (no parent to wait) are released here, from any wait or from the idle loop. */
void reap_orphans(void)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &task_list, tasks)
		if (t->state == TASK_ZOMBIE && !t->parent)
			release_task(t);
}

int kernel_wait(int pid, int *status)
{
	struct task_struct *self = current;

	for (;;) {
		struct task_struct *t;
		bool have_child = false;

		list_for_each_entry(t, &task_list, tasks) {
			if (t->parent != self || (pid > 0 && t->pid != pid))
				continue;
			have_child = true;
			if (t->state == TASK_ZOMBIE) {
				int found = t->pid;

				if (status)
					*status = t->exit_code;
				release_task(t);
				return found;
			}
		}
		if (!have_child)
			return -ECHILD;
		if (self->killed)
			return -EINTR;
		self->state = TASK_INTERRUPTIBLE;
		schedule();
	}
}

int kill_task(int pid)
{
	struct task_struct *t = find_task_by_pid(pid);

	if (!t || t->state == TASK_ZOMBIE)
		return -ESRCH;
	if ((t->flags & PF_KTHREAD) || t->pid == 1)
		return -EPERM;
	t->killed = true;
	wake_up_process(t);
	return 0;
}

/* Work before returning to EL0: a pending kill, a reschedule. */
void exit_to_user_mode(struct pt_regs *regs)
{
	/* Masked from here to the eret, so a tick cannot set need_resched unseen. */
	local_irq_disable();
	for (;;) {
		if (current->killed)
			do_exit(W_EXITCODE(0, SIGKILL));
		if (!need_resched)
			return;
		schedule();
	}
}
