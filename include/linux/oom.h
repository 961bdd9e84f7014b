/* The OOM killer (mm/oom_kill.c; Linux: include/linux/oom.h). */
#ifndef _LINUX_OOM_H
#define _LINUX_OOM_H

#include <linux/types.h>

struct task_struct;

#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

/*
 * How much killing t would free, in pages, adjusted by oom_score_adj (may be
 * negative);
 * LONG_MIN if t must never be chosen (kernel threads, init, -1000).
 */
long oom_badness(struct task_struct *t, unsigned long totalpages);
/* /proc/PID/oom_score: (1000 + badness * 1000 / total) * 2 / 3, as Linux 5.9+; 0 if exempt. */
long oom_score(struct task_struct *t);
/*
 * Reclaim failed: pick the task with the highest badness, report, kill it
 * and take its memory back now. Returns true if a victim was killed.
 */
bool out_of_memory(gfp_t gfp, unsigned int order);

#endif
