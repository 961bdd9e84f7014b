/*
 * The scheduler: one run queue, round robin (Linux's CFS is far smarter;
 * the mechanism -- a tick that asks for a reschedule, a context switch that
 * changes the address space and the kernel stack -- is the same).
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mm_types_task.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <asm/fpsimd.h>
#include <linux/spinlock.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>

LIST_HEAD(task_list);
static LIST_HEAD(run_queue);
bool need_resched;
static struct task_struct init_task = {
	.pid = 0,
	.comm = "swapper/0",
	.state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.oom_score_adj = -1000,
};

struct task_struct *get_current(void)
{
	return this_cpu_info()->curr_task;
}

struct task_struct *cpu_switch_to(struct task_struct *prev, struct task_struct *next);

/* The boot context becomes the idle task (pid 0), as in Linux's sched_init/rest_init. */
void sched_init(void)
{
	extern char init_stack[];

	init_task.stack = init_stack;	/* boot/head.S: also THREAD_SIZE bytes */
	set_task_stack_end_magic(&init_task);
	INIT_LIST_HEAD(&init_task.run_list);
	list_add(&init_task.tasks, &task_list);
	this_cpu_info()->curr_task = &init_task;
	this_cpu_info()->idle = &init_task;
}

/* Linux: the task_stack_end_corrupted() macro, include/linux/sched/task_stack.h. */
bool task_stack_end_corrupted(const struct task_struct *t)
{
	return t->stack && *end_of_stack(t) != STACK_END_MAGIC;
}

int report_task_stack_end(const struct task_struct *t)
{
	if (!task_stack_end_corrupted(t))
		return 0;
	printk("kernel stack of task %d (%s) overflowed: STACK_END_MAGIC at %p is 0x%lx\n",
	       t->pid, t->comm, (void *)end_of_stack(t), *end_of_stack(t));
	return -1;
}

/*
 * Linux's schedule_debug panics "corrupted stack end detected inside
 * scheduler": whatever lay below the stack (another task's stack, a slab
 * page) has been overwritten, so carrying on would spread the damage.
 */
void check_task_stack_end(const struct task_struct *t)
{
	if (t && report_task_stack_end(t))
		panic("kernel stack of task %d (%s) overflowed", t->pid, t->comm);
}

static void enqueue(struct task_struct *t)
{
	if (t != this_cpu_info()->idle && list_empty(&t->run_list))
		list_add_tail(&t->run_list, &run_queue);
}

static void dequeue(struct task_struct *t)
{
	if (!list_empty(&t->run_list))
		list_del_init(&t->run_list);
}

void wake_up_process(struct task_struct *t)
{
	unsigned long flags = arch_local_irq_save();

	if (t->state == TASK_INTERRUPTIBLE) {
		t->state = TASK_RUNNING;
		t->wake_at = 0;
		enqueue(t);
	}
	arch_local_irq_restore(flags);
}

/* Sleepers whose timeout has passed become runnable. */
static void wake_expired_sleepers(void)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->state == TASK_INTERRUPTIBLE && t->wake_at && (long)(jiffies - t->wake_at) >= 0)
			wake_up_process(t);
}

/*
 * Runs on the new task's stack right after the switch: the first code of a
 * new task (ret_from_fork), or the return from cpu_switch_to of an old one.
 */
void schedule_tail(struct task_struct *prev)
{
	(void)prev;
	local_irq_enable();	/* schedule() switched with interrupts masked */
}

void schedule(void)
{
	unsigned long flags = arch_local_irq_save();
	struct task_struct *prev = current, *next;

	check_task_stack_end(prev);	/* Linux: schedule_debug */
	need_resched = false;
	wake_expired_sleepers();
	if (prev->state == TASK_RUNNING)
		enqueue(prev);		/* to the back: round robin */
	else
		dequeue(prev);
	if (list_empty(&run_queue)) {
		next = this_cpu_info()->idle;
	} else {
		next = list_first_entry(&run_queue, struct task_struct, run_list);
		dequeue(next);
	}
	if (prev->state == TASK_RUNNING && prev != this_cpu_info()->idle)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	if (next != prev) {
		next->slice = SCHED_SLICE;
		this_cpu_info()->curr_task = next;
		/* The address space first: TTBR0 with next's ASID, no TLB flush (asm/mmu_context.h). */
		if (next->mm)
			switch_mm(next->mm);
		fpsimd_thread_switch(next);	/* user FP/SIMD registers and TPIDR_EL0 */
		cpu_switch_to(prev, next);
		/* We are prev again: someone switched back to us. */
	}
	arch_local_irq_restore(flags);
}

void cond_resched(void)
{
	if (need_resched)
		schedule();
}

void yield(void)
{
	schedule();
}

void scheduler_tick(void)
{
	struct task_struct *t = current;

	if (t == this_cpu_info()->idle || t->slice == 0 || --t->slice == 0)
		need_resched = true;
}

void update_process_times(void)
{
	scheduler_tick();
}

void msleep(unsigned int ms)
{
	unsigned long ticks = ((unsigned long)ms * HZ + 999) / 1000;
	struct task_struct *t = current;

	if (ticks == 0)
		ticks = 1;
	if (t->killed)
		return;
	t->wake_at = jiffies + ticks;
	t->state = TASK_INTERRUPTIBLE;
	schedule();
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* The idle loop: wait for an interrupt, then let anyone runnable run. */
void cpu_idle(void)
{
	for (;;) {
		reap_orphans();
		quiet_vmstat();		/* fold this CPU's vmstat differences before sleeping */
		__asm__ __volatile__("wfi");
		schedule();
	}
}

