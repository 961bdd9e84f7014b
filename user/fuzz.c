/*
 * fuzz: random system calls from EL0, to find what a user program can break.
 *
 *     fuzz SEED CALLS [hog=MIB] [verbose]
 *
 * From SEED (a 64-bit PRNG, xorshift64*) it makes CALLS system calls. The
 * number is one of the implemented calls (include/uapi/unistd.h) or, one
 * time in eight, one that is not (random, or a real number with high bits
 * set: x8 is 64 bits wide and must not be truncated). Each argument is
 * drawn from values that find bugs: 0, -1, small and huge numbers, lengths
 * near 2^63 and 2^64, page-aligned and unaligned user addresses, addresses
 * at the 48-bit edge and in the kernel's half, and this program's own
 * valid buffers and mappings.
 *
 * Skipped (counted, never made): calls that would end or stall this task
 * rather than test the kernel -- exit, unmapping or reprotecting its own
 * image or stack, long sleeps, signals to tasks other than its children,
 * raising its own oom_score_adj, lowering a child's. (Spawned by the
 * kernel, a fuzzer is privileged, like root with CAP_SYS_RESOURCE: it may
 * set its children's value below their oom_score_adj_min; its children are
 * not. pick_pid() names only itself, its children or no task, so the
 * -EPERM for other tasks is never the answer it gets.) A skip is decided
 * before the call from the arguments alone; wrapping lengths are never
 * skipped (the kernel must refuse them).
 *
 * Checked after each call (an oracle for "success on clearly invalid
 * input"): unknown numbers give -ENOSYS; munmap/mprotect/mmap with a range
 * that wraps or leaves the 48-bit user space, or prot bits outside
 * PROT_READ|WRITE|EXEC, fail; a buffer in the kernel's half gives -EFAULT
 * for write and spawn; an oom_score_adj outside -1000..1000 fails. The
 * first failure prints the seed, the call's index and arguments, and exits
 * 1. Rerun with `verbose` to see every call.
 *
 * Children: `hello -q` (and names that do not exist); with hog=MIB, half
 * way through, one `memhog MIB` with oom_score_adj 500. The kernel's
 * harness gives each of its fuzzers half the free memory, so their hogs
 * overlap and bring reclaim, swap and the OOM killer in, at any memory
 * size. At the end the children are reaped, and per call it prints how
 * many returned what (by errno name), and exits 0.
 */
#include <stdbool.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <uapi/mman.h>
#include <linux/prandom.h>

#define PAGE_SIZE	4096UL
#define USER_TOP	(1UL << 48)		/* TASK_SIZE: 48-bit user VA */
#define IMAGE_BASE	0x400000UL		/* user/user.ld */
#define STACK_TOP	0x0000fffffffff000UL	/* include/linux/mman.h USER_STACK_TOP */
#define STACK_SIZE	(1UL << 20)
#define MAX_CHILDREN	4
#define MAX_MAPS	32
#define NR_ERRNO	140			/* errno values counted one by one */

extern char _end[];				/* user/user.ld */

static struct rnd_state state;			/* lib/prandom.c: xorshift64* */
static char pool[4 * PAGE_SIZE] __attribute__((aligned(4096)));
static unsigned long maps[MAX_MAPS];		/* addresses mmap gave us */
static int nr_maps;
static int children[MAX_CHILDREN], nr_children;
static int me;
static bool verbose;

static unsigned long long rnd(void)
{
	return prandom_u64_state(&state);
}

static unsigned long below(unsigned long n)
{
	return n ? rnd() % n : 0;
}

/* ---- argument values -------------------------------------------------- */

static unsigned long pick_addr(void)
{
	switch (below(16)) {
	case 0: return 0;
	case 1: return -1UL;
	case 2: return (unsigned long)pool + below(sizeof(pool));	/* ours, maybe unaligned */
	case 3: return (unsigned long)pool;
	case 4: return nr_maps ? maps[below(nr_maps)] : (unsigned long)pool;
	case 5: return nr_maps ? maps[below(nr_maps)] + below(8) * PAGE_SIZE : 0;
	case 6: return (below(USER_TOP) & ~(PAGE_SIZE - 1));		/* anywhere, aligned */
	case 7: return below(USER_TOP);					/* anywhere, unaligned */
	case 8: return 0xffff000000000000UL + below(1UL << 40);		/* kernel half */
	case 9: return 0xffff800000000000UL;
	case 10: return USER_TOP - PAGE_SIZE * (1 + below(4));		/* the 48-bit edge */
	case 11: return USER_TOP + below(2) * PAGE_SIZE;
	case 12: return IMAGE_BASE + below(4) * PAGE_SIZE;		/* our own text */
	case 13: return 1UL << (12 + below(52));
	case 14: return PAGE_SIZE * below(16);
	default: return rnd();
	}
}

static unsigned long pick_len(void)
{
	switch (below(14)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return PAGE_SIZE;
	case 3: return below(64);
	case 4: return PAGE_SIZE * (1 + below(16));
	case 5: return PAGE_SIZE * (1 + below(1024));
	case 6: return 1UL << 63;
	case 7: return (1UL << 63) - 1;
	case 8: return -1UL;
	case 9: return -PAGE_SIZE;
	case 10: return 1UL << 48;
	case 11: return 1UL << (below(64));
	case 12: return PAGE_SIZE * below(4) + below(PAGE_SIZE);
	default: return rnd();
	}
}

static unsigned long pick_int(void)
{
	switch (below(10)) {
	case 0: return 0;
	case 1: return 1;
	case 2: return -1UL;
	case 3: return 0x7fffffff;
	case 4: return (unsigned long)(long)(int)0x80000000;
	case 5: return 1UL << 32;
	case 6: return below(16);
	case 7: return below(4096) - 2048;
	case 8: return rnd() & 0xffffffff;
	default: return rnd();
	}
}

static unsigned long pick_pid(void)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return me;
	case 2: case 3: return nr_children ? (unsigned long)children[below(nr_children)] : -1UL;
	case 4: return -1UL;
	case 5: return (1UL << 32) + me;		/* must not be truncated to our pid */
	case 6: return 0x7fffffff;
	default: return 100000 + below(100000);	/* no such task */
	}
}

/* ---- what a call may not do to us ------------------------------------ */

/* [a, a + len) as the kernel would see it, when it is a valid range. */
static bool range_valid(unsigned long a, unsigned long len)
{
	unsigned long end = (a + len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	return len && end > a && end <= USER_TOP && a < USER_TOP;
}

static bool overlaps(unsigned long a, unsigned long len, unsigned long s, unsigned long e)
{
	unsigned long end = (a + len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	return (a & ~(PAGE_SIZE - 1)) < e && end > s;
}

/* Would a successful munmap/mprotect/MAP_FIXED of this range destroy us? */
static bool hits_self(unsigned long a, unsigned long len)
{
	unsigned long image_end = ((unsigned long)_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

	if (!range_valid(a, len))
		return false;		/* the kernel must refuse it: an oracle, not a skip */
	return overlaps(a, len, IMAGE_BASE, image_end) ||
	       overlaps(a, len, STACK_TOP - STACK_SIZE, STACK_TOP);
}

/* ---- bookkeeping ------------------------------------------------------- */

enum { C_WRITE, C_SLEEP, C_YIELD, C_KILL, C_GETPID, C_BRK, C_MUNMAP, C_MMAP, C_MPROTECT,
       C_WAIT, C_SPAWN, C_ADJ, C_UNKNOWN, NR_KINDS };
static const char *const kind_name[NR_KINDS] = {
	"write", "sleep_ms", "sched_yield", "kill", "getpid", "brk", "munmap", "mmap",
	"mprotect", "wait", "spawn", "set_oom_score_adj", "(unknown)",
};
static const long kind_nr[NR_KINDS] = {
	__NR_write, __NR_sleep_ms, __NR_sched_yield, __NR_kill, __NR_getpid, __NR_brk,
	__NR_munmap, __NR_mmap, __NR_mprotect, __NR_wait, __NR_spawn, __NR_set_oom_score_adj, -1,
};
static unsigned long calls[NR_KINDS], ok[NR_KINDS], errs[NR_KINDS][NR_ERRNO], other[NR_KINDS];
static unsigned long skipped;

/* Is pid one of our live children? */
static bool is_child(unsigned long pid)
{
	for (int i = 0; i < nr_children; i++)
		if (pid == (unsigned long)children[i])
			return true;
	return false;
}

/* pid was reaped: drop it from the list. */
static void forget_child(long pid)
{
	for (int i = 0; i < nr_children; i++)
		if (children[i] == pid) {
			children[i] = children[--nr_children];
			return;
		}
}

static void reap_one(void)
{
	int status;
	long pid = __syscall2(__NR_wait, -1, (long)&status);

	forget_child(pid);
	if (pid < 0)
		nr_children = 0;	/* -ECHILD: none left, whatever we thought */
}

static void remember_map(unsigned long a)
{
	if (nr_maps < MAX_MAPS)
		maps[nr_maps++] = a;
	else
		maps[below(MAX_MAPS)] = a;
}

static unsigned long long seed0;
static unsigned long call_index, hog_at = -1UL;

static void fail(const char *why, long nr, const unsigned long *a, long ret)
{
	printf("fuzz[%d]: FAIL seed %llu call %lu: nr %ld (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %ld: %s\n",
	       me, seed0, call_index, nr, a[0], a[1], a[2], a[3], a[4], a[5], ret, why);
	exit(1);
}

/* ---- one call ---------------------------------------------------------- */

static const char *const names[] = { "hello", "nope", "", "memhog" };
static char hog_mib[24];
static char *const memhog_argv[] = { "memhog", hog_mib, "adj=500", "sleep=2000", NULL };
static char *const hello_argv[] = { "hello", "-q", NULL };

/* Fill a[] for call kind k; return false to skip the call. */
static bool make_args(int k, unsigned long *a, long *nr)
{
	for (int i = 0; i < 6; i++)
		a[i] = below(4) ? pick_int() : pick_addr();
	*nr = kind_nr[k];
	switch (k) {
	case C_WRITE:
		a[0] = below(2) ? 1 + below(2) : pick_int();
		a[1] = pick_addr();
		a[2] = pick_len();
		/*
		 * To the console, a user buffer is either a few of our dots (the
		 * log stays readable: no bytes of unknown content) or the unmapped
		 * guard page above the stack, which must fault at once whatever
		 * the length.
		 */
		if ((a[0] == 1 || a[0] == 2) && a[1] < USER_TOP) {
			if (below(4)) {
				a[1] = (unsigned long)pool + below(sizeof(pool) - 8);
				a[2] = below(8);
			} else {
				a[1] = STACK_TOP + below(PAGE_SIZE);
			}
		}
		return true;
	case C_SLEEP:
		a[0] = pick_len();
		if (a[0] <= 3600 * 1000UL)
			a[0] %= 3;		/* valid: keep it short */
		return true;
	case C_KILL:
		a[0] = pick_pid();
		a[1] = below(2) ? below(2) * SIGKILL : pick_int();
		/* A real signal only to our own children (or to no task at all). */
		if (a[1] == SIGKILL || a[1] == SIGTERM) {
			return is_child(a[0]) || (long)a[0] <= 0 || a[0] >= 100000;
		}
		return true;
	case C_BRK:
		a[0] = below(3) ? (unsigned long)_end + below(64) * PAGE_SIZE - 16 * PAGE_SIZE : pick_addr();
		return true;
	case C_MUNMAP:
	case C_MPROTECT:
		a[0] = pick_addr();
		a[1] = pick_len();
		a[2] = below(4) ? below(8) : pick_int();
		return !hits_self(a[0], a[1]);
	case C_MMAP:
		a[0] = below(2) ? 0 : pick_addr();
		a[1] = below(2) ? PAGE_SIZE * (1 + below(64)) : pick_len();
		a[2] = below(4) ? below(8) : pick_int();
		a[3] = below(4) ? (MAP_PRIVATE | MAP_ANONYMOUS | (below(3) ? 0 : MAP_FIXED)) : pick_int();
		a[4] = below(4) ? -1UL : pick_int();
		a[5] = below(4) ? 0 : pick_len();
		return !((a[3] & MAP_FIXED) && hits_self(a[0], a[1]));
	case C_WAIT:
		a[0] = below(2) ? -1UL : pick_pid();
		a[1] = below(2) ? (unsigned long)pool + 8 * below(16) : pick_addr();
		return true;		/* it blocks only for our children, who all end soon */
	case C_SPAWN:
		if (nr_children >= MAX_CHILDREN)
			reap_one();
		a[0] = below(3) ? (unsigned long)names[below(3)] : pick_addr();
		a[1] = below(3) ? (unsigned long)hello_argv : pick_addr();
		return true;
	case C_ADJ:
		a[0] = pick_pid();
		a[1] = below(2) ? below(2001) - 1000 : pick_int();
		/*
		 * Making ourselves the OOM killer's target would end us, and
		 * exempting a child (< 0) could leave the killer only us: skip both.
		 */
		if ((a[0] == 0 || a[0] == (unsigned long)me) && (long)a[1] > 0 && (long)a[1] <= 1000)
			return false;
		return !(is_child(a[0]) && (long)a[1] < 0 && (long)a[1] >= -1000);
	case C_UNKNOWN:
		switch (below(4)) {
		case 0: *nr = below(600); break;
		case 1: *nr = (1L << 32) + kind_nr[below(C_UNKNOWN)]; break;
		case 2: *nr = (1L << 32) + __NR_exit; break;
		default: *nr = (long)rnd(); break;
		}
		for (int i = 0; i < C_UNKNOWN; i++)
			if (*nr == kind_nr[i])
				*nr = 1000;
		if (*nr == __NR_exit)
			*nr = 1001;
		return true;
	default:
		return true;
	}
}

static bool is_kernel_addr(unsigned long a)
{
	return a >= 0xffff000000000000UL;
}

/* The oracle: input the kernel must refuse. */
static void check(int k, long nr, const unsigned long *a, long ret)
{
	bool refuse = false;

	switch (k) {
	case C_UNKNOWN:
		if (ret != -ENOSYS)
			fail("unknown system call not refused with ENOSYS", nr, a, ret);
		return;
	case C_MUNMAP:
	case C_MPROTECT:
		refuse = a[1] && !range_valid(a[0], a[1]);
		if (k == C_MPROTECT)
			refuse |= (a[2] & ~7UL) != 0;
		break;
	case C_MMAP:
		refuse = (a[2] & ~7UL) || !a[1] || ((a[3] & MAP_FIXED) && !range_valid(a[0], a[1])) ||
			 a[1] >= USER_TOP;
		break;
	case C_WRITE:
		refuse = (a[0] == 1 || a[0] == 2) && a[2] && is_kernel_addr(a[1]);
		break;
	case C_SPAWN:
		refuse = is_kernel_addr(a[0]);
		break;
	case C_ADJ:
		refuse = (long)a[1] < -1000 || (long)a[1] > 1000;
		break;
	}
	if (refuse && ret >= 0)
		fail("invalid arguments accepted", nr, a, ret);
}

static void one_call(void)
{
	unsigned long a[6];
	long nr, ret;
	int k = below(8) ? (int)below(C_UNKNOWN) : C_UNKNOWN;

	if (!make_args(k, a, &nr)) {
		skipped++;
		return;
	}
	if (call_index == hog_at && hog_mib[0]) {
		k = C_SPAWN;
		nr = __NR_spawn;
		a[0] = (unsigned long)names[3];
		a[1] = (unsigned long)memhog_argv;
	}
	if (verbose)
		printf("fuzz[%d]: %lu: %s nr %ld (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", me, call_index,
		       kind_name[k], nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	ret = __syscall6(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
	calls[k]++;
	if (ret >= 0)
		ok[k]++;
	else if (-ret < NR_ERRNO)
		errs[k][-ret]++;
	else
		other[k]++;
	check(k, nr, a, ret);
	if (k == C_MMAP && ret >= 0)
		remember_map((unsigned long)ret);
	if (k == C_SPAWN && ret > 0 && nr_children < MAX_CHILDREN)
		children[nr_children++] = (int)ret;
	if (k == C_WAIT && ret > 0)
		forget_child(ret);
}

static void report(unsigned long n)
{
	char line[256];

	for (int k = 0; k < NR_KINDS; k++) {
		int len;

		if (!calls[k])
			continue;
		len = snprintf(line, sizeof(line), "fuzz[%d]: %-17s %6lu calls: ok %lu", me, kind_name[k],
			       calls[k], ok[k]);
		for (int e = 1; e < NR_ERRNO && len < (int)sizeof(line) - 24; e++)
			if (errs[k][e])
				len += snprintf(line + len, sizeof(line) - len, ", %s %lu", errno_name(e),
						errs[k][e]);
		if (other[k])
			snprintf(line + len, sizeof(line) - len, ", other %lu", other[k]);
		printf("%s\n", line);
	}
	printf("fuzz[%d]: seed %llu: %lu calls made, %lu skipped, 0 failures\n", me, seed0, n - skipped,
	       skipped);
}

static int usage(void)
{
	printf("usage: fuzz SEED CALLS [hog=MIB] [verbose]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long n;
	char *end;

	me = getpid();
	if (argc < 3)
		return usage();
	seed0 = strtoul(argv[1], &end, 0);
	if (*end)
		return usage();
	n = strtoul(argv[2], &end, 0);
	if (*end || !n)
		return usage();
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "verbose")) {
			verbose = true;
		} else if (!strncmp(argv[i], "hog=", 4)) {
			unsigned long mib = strtoul(argv[i] + 4, &end, 0);

			if (*end || !mib || mib > (1UL << 20))
				return usage();
			snprintf(hog_mib, sizeof(hog_mib), "%lu", mib);
			hog_at = n / 2;
		} else {
			return usage();
		}
	}
	prandom_seed_state(&state, seed0 * 0x9e3779b97f4a7c15ULL + 1);
	memset(pool, '.', sizeof(pool));
	printf("fuzz[%d]: seed %llu, %lu calls\n", me, seed0, n);
	for (call_index = 0; call_index < n; call_index++)
		one_call();
	while (nr_children > 0)
		reap_one();
	report(n);
	return 0;
}
