/*
 * Creating tasks (Linux: kernel/fork.c copy_process, kernel/kthread.c).
 * There is no fork() here: a user task is created directly from an
 * embedded program (spawn, like posix_spawn), a kernel thread from a
 * function. Either way the new task gets a task_struct, a kernel stack and
 * a saved context whose "return address" is ret_from_fork.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/irqflags.h>
#include <asm/sysreg.h>
#include <string.h>
#include "exec.h"

void ret_from_fork(void);
static int next_pid = 1;
static unsigned long nr_kernel_stacks;
int nr_threads;
int max_threads;

/*
 * Linux: set_max_threads, kernel/fork.c: as many tasks as kernel stacks
 * fit in an eighth of RAM, so the limit scales with memory (128 MiB:
 * about 1000 tasks of 16 KiB stacks), and never fewer than MIN_THREADS.
 */
void fork_init(void)
{
	u64 threads = (u64)totalram_pages() * PAGE_SIZE / ((u64)THREAD_SIZE * 8);

	if (threads < MIN_THREADS)
		threads = MIN_THREADS;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	max_threads = (int)threads;
}

unsigned long nr_kernel_stack_kb(void)
{
	return nr_kernel_stacks * (THREAD_SIZE >> 10);
}

/*
 * meminfo "AnonPages": the resident anonymous pages of every live task
 * (Linux: NR_ANON_MAPPED). There is no fork, so no page is counted twice.
 */
unsigned long nr_anon_pages(void)
{
	struct task_struct *t;
	unsigned long n = 0;

	list_for_each_entry(t, &task_list, tasks)
		if (t->mm && t->state != TASK_ZOMBIE)
			n += get_mm_counter(t->mm, MM_ANONPAGES);
	return n;
}

/*
 * A canary, not a guard page. Linux's VMAP_STACK maps each stack in the
 * vmalloc area with an unmapped page below it, so an overflow faults at
 * once; the fault is then handled on a per-CPU overflow stack, since the
 * exception entry itself cannot push onto the exhausted one. Here stacks
 * come from the buddy allocator, inside the linear map, there is no
 * vmalloc area and no overflow stack: a guard page would mean splitting
 * the linear map's blocks and taking the fault without a stack. The canary
 * (Linux's end_of_stack check, which it keeps even with VMAP_STACK) costs
 * one word per stack and catches an overflow that got as far as the last
 * word at the next check -- late, after the damage below the stack is
 * done, so the check can only panic, never recover.
 */
unsigned long *end_of_stack(const struct task_struct *t)
{
	return (unsigned long *)t->stack;
}

/* Linux: set_task_stack_end_magic, kernel/fork.c. */
void set_task_stack_end_magic(struct task_struct *t)
{
	*end_of_stack(t) = STACK_END_MAGIC;
}

static struct task_struct *alloc_task(const char *name, struct task_struct *parent)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	struct page *stack;

	if (!t)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, THREAD_ORDER);
	if (!stack) {
		kfree(t);
		return NULL;
	}
	nr_kernel_stacks++;
	t->stack = page_address(stack);
	set_task_stack_end_magic(t);
	strlcpy(t->comm, name, sizeof(t->comm));
	t->parent = parent;
	t->state = TASK_INTERRUPTIBLE;	/* not runnable until sched_add */
	t->start_jiffies = jiffies;
	INIT_LIST_HEAD(&t->run_list);
	t->cpu_context.pc = (unsigned long)ret_from_fork;
	t->cpu_context.sp = (unsigned long)t->stack + THREAD_SIZE;
	return t;
}

/* Free what alloc_task allocated (for a task that never ran, or when reaped). */
void free_task(struct task_struct *t)
{
	free_pages((unsigned long)t->stack, THREAD_ORDER);
	nr_kernel_stacks--;
	kfree(t);
}

/* The task is complete: give it a pid (only now, so failed spawns use none) and run it. */
static void sched_add(struct task_struct *t)
{
	unsigned long flags = arch_local_irq_save();

	t->pid = next_pid++;
	list_add_tail(&t->tasks, &task_list);
	nr_threads++;			/* release_task takes it off again */
	arch_local_irq_restore(flags);
	wake_up_process(t);
}

struct task_struct *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *t = alloc_task(name, current);

	if (!t)
		return NULL;
	t->flags = PF_KTHREAD;
	t->oom_score_adj = -1000;
	t->cpu_context.x19 = (unsigned long)fn;
	t->cpu_context.x20 = (unsigned long)arg;
	sched_add(t);
	return t;
}

/* ret_from_fork calls this when a kernel thread's function returns. */
void kthread_exit(int ret)
{
	do_exit(ret);
}

int spawn_user(const char *name, int argc, char *const argv[], struct task_struct *parent)
{
	struct task_struct *t;
	struct exec_entry entry;
	struct pt_regs *regs;
	int err;

	/*
	 * Linux: copy_process, "if (data_race(nr_threads >= max_threads))":
	 * -EAGAIN, as fork. Zombies count until reaped, as there. Kernel
	 * threads count but are never refused (Linux checks them too; here
	 * kthread_run is the kernel's own and has no caller to fail to).
	 */
	if (nr_threads >= max_threads)
		return -EAGAIN;
	t = alloc_task(name, parent);
	if (!t)
		return -ENOMEM;
	/*
	 * Privilege and OOM settings. From a user task: inherited, as Linux's
	 * copy_signal copies oom_score_adj and oom_score_adj_min, but not the
	 * capability (this kernel's rule: only the kernel spawns privileged
	 * tasks). From the kernel (a kthread parent, or none for init): a fresh
	 * privileged task at 0, not the kthread's -1000 (Linux's kthreadd and
	 * init have 0 too).
	 */
	if (parent && !(parent->flags & PF_KTHREAD)) {
		t->oom_score_adj = parent->oom_score_adj;
		t->oom_score_adj_min = parent->oom_score_adj_min;
		t->cap_sys_resource = false;
	} else {
		t->cap_sys_resource = true;
	}
	t->mm = mm_alloc();
	if (!t->mm) {
		free_task(t);
		return -ENOMEM;
	}
	err = exec_load(t->mm, name, argc, argv, &entry);
	if (err) {
		mmput(t->mm);
		free_task(t);
		return err;
	}
	/* The EL0 state ret_to_user will eret into, at the top of the kernel stack. */
	regs = (struct pt_regs *)((char *)t->stack + THREAD_SIZE - PT_REGS_SIZE);
	memset(regs, 0, sizeof(*regs));
	regs->pc = entry.pc;
	regs->sp = entry.sp;
	regs->pstate = PSR_MODE_EL0t;		/* EL0, interrupts unmasked */
	regs->regs[0] = (u64)argc;
	regs->regs[1] = entry.argv;
	t->cpu_context.sp = (unsigned long)regs;
	t->cpu_context.x19 = 0;			/* not a kernel thread: go to EL0 */
	sched_add(t);
	return t->pid;
}

