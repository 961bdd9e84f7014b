/*
 * The system call ABI, shared by the kernel and user programs.
 *
 * A user program calls `svc #0` with the number in x8 and up to six
 * arguments in x0..x5; the result comes back in x0, a negative errno
 * (uapi/errno.h) on failure. Every other register is preserved. This is
 * Linux's arm64 convention, and the numbers below 500 are Linux's arm64
 * numbers; where ours differs from Linux's call of that number (sleep_ms,
 * wait, and the 64-bit pids) it says DIFFERS. Ours start at 500. An unknown
 * number returns -ENOSYS.
 *
 * At entry to a program (_start) the kernel leaves sp pointing at:
 *
 *     sp + 0              argc                       (8 bytes)
 *     sp + 8              argv[0] ... argv[argc-1]   (8-byte pointers)
 *     sp + 8 + 8*argc     NULL
 *     above that          the argument strings themselves
 *
 * with sp 16-byte aligned, and also x0 = argc, x1 = argv (= sp + 8).
 * This is Linux's layout cut short: Linux continues with envp[], NULL,
 * and the auxiliary vector, which we do not have.
 */
#ifndef _UAPI_UNISTD_H
#define _UAPI_UNISTD_H

/* write(fd, buf, len) -> bytes written. fd 1 and 2 are the console. */
#define __NR_write		64
/* exit(code): end the calling task (Linux: exit; there is one thread per task). */
#define __NR_exit		93
/*
 * sleep_ms(ms) -> 0, or -EINTR if killed while asleep.
 * DIFFERS from Linux: Linux's 101 is nanosleep(const struct timespec *req,
 * struct timespec *rem); ours takes a plain number of milliseconds in x0.
 */
#define __NR_sleep_ms		101
/* sched_yield() -> 0: give the CPU to the next runnable task. */
#define __NR_sched_yield	124
/*
 * kill(pid, sig) -> 0: sig SIGKILL or SIGTERM ends pid; 0 only checks it exists.
 * DIFFERS from Linux, here and in wait and set_oom_score_adj: a pid is
 * the whole 64-bit register, and one above INT_MAX names no task (-ESRCH,
 * wait: -ECHILD); Linux truncates the register to a 32-bit pid_t.
 */
#define __NR_kill		129
/* getpid() -> the caller's pid. */
#define __NR_getpid		172
/*
 * brk(addr) -> the program break after the call. As on Linux: brk(0)
 * returns the current break; on failure the break is unchanged and the old
 * value is returned (not -errno), so the caller compares with what it asked.
 */
#define __NR_brk		214
/* munmap(addr, len) -> 0. */
#define __NR_munmap		215
/*
 * mmap(addr, len, prot, flags, fd, offset) -> address. Anonymous private
 * mappings only (uapi/mman.h); addr is a hint unless MAP_FIXED.
 */
#define __NR_mmap		222
/* mprotect(addr, len, prot) -> 0. */
#define __NR_mprotect		226
/*
 * wait(pid, int *status) -> pid of the reaped child. pid -1 waits for any
 * child. status (may be NULL) gets the encoding in uapi/wait.h.
 * -ECHILD if the caller has no such child. DIFFERS from Linux's wait4:
 * no options (always blocks) and no rusage argument.
 */
#define __NR_wait		260

/* Our own calls. */
/*
 * spawn(const char *name, char *const argv[]) -> pid of the new child.
 * Starts the program embedded in the kernel image under `name` (see
 * include/linux/user_progs.h) with the NULL-terminated argv (argv[0] is
 * conventionally the name; argv may be NULL, then argv = { name }).
 * -ENOENT if there is no such program, -E2BIG if the arguments do not fit.
 */
#define __NR_spawn		500
/* set_oom_score_adj(pid, adj) -> 0. pid 0 means the caller; adj -1000..1000. */
#define __NR_set_oom_score_adj	501

#define NR_SYSCALLS		502	/* one more than the largest number */

#endif
