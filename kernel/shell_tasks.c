/*
 * Shell commands about tasks: ps, run, kill, oom_score_adj. `run` is the
 * shell's spawn + wait, with `&` it does not wait (the job is reaped at the
 * next prompt, and its exit reported).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm_types_task.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/shell.h>
#include <uapi/wait.h>
#include <string.h>

static const char task_state_char[] = { [TASK_RUNNING] = 'R', [TASK_INTERRUPTIBLE] = 'S', [TASK_ZOMBIE] = 'Z' };

static int cmd_ps(int argc, char **argv)
{
	struct task_struct *t;

	/* PTE(kB): the task's page-table pages (Linux: VmPTE in /proc/PID/status). */
	printk("  PID  PPID S   RSS(kB)  SWAP(kB)  PTE(kB) OOM_SCORE OOM_ADJ COMMAND\n");
	list_for_each_entry(t, &task_list, tasks) {
		unsigned long rss = t->mm ? get_mm_counter(t->mm, MM_ANONPAGES) << 2 : 0, swap = t->mm ? get_mm_counter(t->mm, MM_SWAPENTS) << 2 : 0;
		unsigned long pte = t->mm ? t->mm->nr_pgtables << 2 : 0;

		/* Kernel threads in brackets, as Linux's ps shows them. */
		printk("%5d %5d %c %9lu %9lu %8lu %9ld %7d %s%s%s\n", t->pid, t->parent ? t->parent->pid : 0,
		       task_state_char[t->state], rss, swap, pte, oom_score(t), t->oom_score_adj,
		       (t->flags & PF_KTHREAD) ? "[" : "", t->comm, (t->flags & PF_KTHREAD) ? "]" : "");
	}
	return 0;
}
shell_command("ps", "ps", "tasks: pid, state, rss, swap, page tables, oom_score, oom_score_adj, name", cmd_ps);

static void report_exit(int pid, const char *name, int status)
{
	if (WIFSIGNALED(status))
		printk("[%d] %s killed by signal %d\n", pid, name, WTERMSIG(status));
	else if (WEXITSTATUS(status))
		printk("[%d] %s exited with status %d\n", pid, name, WEXITSTATUS(status));
}

static int cmd_run(int argc, char **argv)
{
	bool background = false;
	int pid, status;
	char name[TASK_COMM_LEN];

	if (argc > 1 && strcmp(argv[argc - 1], "&") == 0) {
		background = true;
		argc--;
	}
	if (argc < 2) {
		printk("run: missing program name (usage: run PROG [ARGS] [&])\n");
		return -1;
	}
	argv[argc] = NULL;
	pid = spawn_user(argv[1], argc - 1, argv + 1, current);
	if (pid == -ENOENT) {
		printk("run: %s: no such program\n", argv[1]);
		return -1;
	}
	if (pid < 0) {
		printk("run: %s: cannot start (error %d)\n", argv[1], pid);
		return -1;
	}
	if (background) {
		printk("[%d] %s\n", pid, argv[1]);
		return 0;
	}
	strlcpy(name, argv[1], sizeof(name));
	if (kernel_wait(pid, &status) == pid)
		report_exit(pid, name, status);
	return 0;
}
shell_command("run", "run PROG [ARGS] [&]", "start an embedded user program; & = do not wait", cmd_run);

/* Release finished background jobs of the shell, reporting how they ended. */
void reap_background_jobs(void)
{
	struct task_struct *t, *n;

	list_for_each_entry_safe(t, n, &task_list, tasks) {
		if (t->parent == current && t->state == TASK_ZOMBIE) {
			char name[TASK_COMM_LEN];
			int pid = t->pid, status;

			strlcpy(name, t->comm, sizeof(name));
			if (kernel_wait(pid, &status) == pid) {
				printk("[%d] %s done", pid, name);
				if (WIFSIGNALED(status))
					printk(" (killed by signal %d)", WTERMSIG(status));
				else
					printk(" (status %d)", WEXITSTATUS(status));
				printk("\n");
			}
		}
	}
}

static bool parse_pid(const char *cmd, const char *s, int *pid)
{
	unsigned long v;

	if (!shell_parse_ulong(cmd, "PID", s, &v))
		return false;
	if (!find_task_by_pid((int)v)) {
		printk("%s: no task with pid %lu\n", cmd, v);
		return false;
	}
	*pid = (int)v;
	return true;
}

static int cmd_kill(int argc, char **argv)
{
	int pid, err;

	if (argc != 2) {
		printk("kill: usage: kill PID\n");
		return -1;
	}
	if (!parse_pid("kill", argv[1], &pid))
		return -1;
	err = kill_task(pid);
	if (err == -EPERM)
		printk("kill: %d is init or a kernel thread: not killed\n", pid);
	else if (err)
		printk("kill: %d: no such task\n", pid);
	return err ? -1 : 0;
}
shell_command("kill", "kill PID", "kill a user task", cmd_kill);

static int cmd_oom_score_adj(int argc, char **argv)
{
	long adj;
	int pid;

	if (argc != 3) {
		printk("oom_score_adj: usage: oom_score_adj PID N (N from -1000 to 1000)\n");
		return -1;
	}
	if (!parse_pid("oom_score_adj", argv[1], &pid) || !shell_parse_long("oom_score_adj", "N", argv[2], &adj))
		return -1;
	if (adj < -1000 || adj > 1000) {
		printk("oom_score_adj: N must be between -1000 and 1000\n");
		return -1;
	}
	/* The shell is a kernel thread: privileged, so this also sets oom_score_adj_min. */
	if (set_oom_score_adj(find_task_by_pid(pid), adj)) {
		printk("oom_score_adj: pid %d is a kernel thread\n", pid);
		return -1;
	}
	return 0;
}
shell_command("oom_score_adj", "oom_score_adj PID N", "set a task's oom_score_adj (-1000 = never kill)", cmd_oom_score_adj);
