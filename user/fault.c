/*
 * fault: do one bad thing on request, to show the kernel catches it.
 *
 *     fault WHAT
 *
 * Most of these must end with the kernel killing this task (and only this
 * task) with a report; if the task survives, it says so and exits 1.
 * badsyscall, efault, badargs, zeropage, brk-split, adjrule and spawnmany
 * are checks instead: they exit 0 when every system call returned what it
 * should, 1 otherwise. `fault` alone lists WHAT; a few take one more
 * argument (fault spawnmany N).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/types.h>

#define KERNEL_LOW	0xffff000000000000UL	/* TTBR1 half, bottom: nothing mapped */
#define KERNEL_IMAGE	0xffff800000000000UL	/* the kernel's text: mapped, EL1 only */

static pid_t pid;
static const char *arg2;		/* the argument after WHAT, for the modes that take one */

/* Hide a value from the optimiser, so it cannot turn a known-bad access into a trap. */
static unsigned long hide(unsigned long v)
{
	__asm__ __volatile__("" : "+r"(v));
	return v;
}

/* The address of a page that was mapped and is not any more. */
static unsigned long unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p, 4096) < 0) {
		printf("fault[%d]: mmap/munmap failed (%s); using 0x200000\n", pid,
		       errno_name(errno));
		return 0x200000;	/* below the program at 0x400000: never mapped */
	}
	return (unsigned long)p;
}

static void do_read(const char *what, unsigned long addr)
{
	printf("fault[%d]: reading %s at %#lx\n", pid, what, addr);
	printf("fault[%d]: read %#x\n", pid, *(volatile u32 *)hide(addr));
}

static int survived(const char *what)
{
	printf("fault[%d]: %s: survived; the kernel should have killed this task\n", pid, what);
	return 1;
}

static int fault_null(void)
{
	do_read("NULL", 0);
	return survived("null");
}

static int fault_write_ro(void)
{
	unsigned long text = hide((unsigned long)fault_write_ro);

	printf("fault[%d]: writing to my own text at %#lx\n", pid, text);
	*(volatile u32 *)text = 0xd503201f;	/* nop */
	return survived("write-ro");
}

/* A `ret` instruction in a data page: executable only if the kernel forgot PXN/UXN. */
static u32 data_code[4] __aligned(16) = { 0xd65f03c0 };

static int fault_exec_nx(void)
{
	void (*fn)(void) = (void (*)(void))hide((unsigned long)data_code);

	printf("fault[%d]: jumping to a data page at %p\n", pid, data_code);
	fn();
	return survived("exec-nx");
}

static int fault_kernel(void)
{
	do_read("a kernel address", KERNEL_LOW);
	return survived("kernel");
}

static int fault_kernel_image(void)
{
	do_read("the kernel's own text", KERNEL_IMAGE);
	return survived("kernel-image");
}

static int fault_unmapped(void)
{
	do_read("an unmapped page", unmapped_page());
	return survived("unmapped");
}

static int fault_mprotect(void)
{
	volatile u32 *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("fault[%d]: mmap failed: %s\n", pid, errno_name(errno));
		return 1;
	}
	*p = 1;
	if (mprotect((void *)p, 4096, PROT_READ) < 0) {
		printf("fault[%d]: mprotect failed: %s\n", pid, errno_name(errno));
		return 1;
	}
	printf("fault[%d]: reading %p after mprotect(PROT_READ): %u\n", pid, p, *p);
	printf("fault[%d]: writing it\n", pid);
	*p = 2;
	return survived("mprotect");
}

/*
 * PROT_EXEC alone: readable, as on Linux/arm64 without FEAT_EPAN (there
 * is no execute-only user page that PAN would still let the kernel read
 * through), the same before and after the page is first executed; a write
 * is refused and kills the task.
 */
static int fault_execonly(void)
{
	volatile u32 *p = mmap(NULL, 4096, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("fault[%d]: mmap(PROT_EXEC) failed: %s\n", pid, errno_name(errno));
		return 1;
	}
	printf("fault[%d]: reading %p, mapped PROT_EXEC only: %u\n", pid, p, p[0]);
	printf("fault[%d]: writing it\n", pid);
	p[0] = 2;
	return survived("execonly");
}

static int fault_undef(void)
{
	printf("fault[%d]: executing an undefined instruction\n", pid);
	__asm__ __volatile__("udf #0");
	return survived("undef");
}

/* One page of stack per call, until the stack VMA (and its guard) runs out. */
static noinline unsigned long recurse(unsigned long depth)
{
	volatile char frame[4096];

	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	if (depth % 64 == 0)
		printf("fault[%d]: stack depth %lu KiB, sp near %p\n", pid, depth * 4, frame);
	if (hide(depth) == (unsigned long)-1)	/* never: keeps it from being infinite to GCC */
		return 0;
	return recurse(depth + 1) + frame[1];
}

static int fault_stack_overflow(void)
{
	printf("fault[%d]: recursing until the stack runs out\n", pid);
	recurse(1);
	return survived("stack-overflow");
}

/* Check that a raw system call returned want; prints the outcome. Returns 1 if not. */
static int expect(const char *what, long got, long want)
{
	bool ok = got == want;

	printf("fault[%d]: %-44s = %ld%s%s%s, %s\n", pid, what, got,
	       IS_SYSCALL_ERR(got) ? " (" : "", IS_SYSCALL_ERR(got) ? errno_name((int)-got) : "",
	       IS_SYSCALL_ERR(got) ? ")" : "", ok ? "OK" : "WRONG");
	return !ok;
}

static int fault_badsyscall(void)
{
	return expect("syscall 9999", __syscall0(9999), -ENOSYS);
}

/* Something only readable, for a call that writes to user memory. */
static const int ro_status = 0x55;

/*
 * Every way of handing the kernel a bad pointer, each of which must come
 * back as -EFAULT and leave the kernel (and this task) running.
 */
static int fault_efault(void)
{
	static const char ok_msg[] = "fault: a read-only buffer is fine for write()\n";
	unsigned long gone = unmapped_page();
	char *bad_argv[] = { "hello", (char *)gone, NULL };
	char *argv_hello[] = { "hello", "efault-test", NULL };
	int fails = 0;
	long child;

	/* The control: a good (read-only) buffer works. */
	fails += expect("write(1, rodata, n)",
			__syscall3(__NR_write, 1, ok_msg, sizeof(ok_msg) - 1),
			sizeof(ok_msg) - 1);

	fails += expect("write(1, NULL, 16)", __syscall3(__NR_write, 1, 0, 16), -EFAULT);
	fails += expect("write(1, 0xffff000000000000, 16)",
			__syscall3(__NR_write, 1, KERNEL_LOW, 16), -EFAULT);
	fails += expect("write(1, kernel image, 16)",
			__syscall3(__NR_write, 1, KERNEL_IMAGE, 16), -EFAULT);
	fails += expect("write(1, unmapped page, 16)",
			__syscall3(__NR_write, 1, gone, 16), -EFAULT);
	fails += expect("write(1, end of user space, 32)",
			__syscall3(__NR_write, 1, 0x0000fffffffffff0UL, 32), -EFAULT);

	fails += expect("spawn(NULL, NULL)", __syscall2(__NR_spawn, 0, 0), -EFAULT);
	fails += expect("spawn(kernel address, NULL)",
			__syscall2(__NR_spawn, KERNEL_IMAGE, 0), -EFAULT);
	fails += expect("spawn(\"hello\", kernel address)",
			__syscall2(__NR_spawn, "hello", KERNEL_IMAGE), -EFAULT);
	fails += expect("spawn(\"hello\", argv[1] unmapped)",
			__syscall2(__NR_spawn, "hello", bad_argv), -EFAULT);

	/* wait() writes the status: give it a read-only and a kernel address. */
	child = __syscall2(__NR_spawn, "hello", argv_hello);
	if (child > 0)
		fails += expect("wait(child, read-only status)",
				__syscall2(__NR_wait, child, &ro_status), -EFAULT);
	else
		fails += expect("spawn(\"hello\") for the wait test", child, 1);
	child = __syscall2(__NR_spawn, "hello", argv_hello);
	if (child > 0)
		fails += expect("wait(child, kernel address status)",
				__syscall2(__NR_wait, child, KERNEL_IMAGE), -EFAULT);
	/* Reap whatever is left (the kernel may or may not have reaped them above). */
	while (__syscall2(__NR_wait, -1, 0) > 0)
		;

	printf("fault[%d]: efault: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * Arguments that are wrong only in their high bits or by wrapping when
 * rounded: each must be refused, as Linux refuses it (issue 11, C).
 */
static int fault_badargs(void)
{
	long p = __syscall6(__NR_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fails = 0;

	if (IS_SYSCALL_ERR(p))
		return expect("mmap(4096) for the badargs test", p, 0);
	fails += expect("munmap(p, -1): length rounds up to 0", __syscall2(__NR_munmap, p, -1L), -EINVAL);
	fails += expect("mprotect(p, -1, PROT_READ): length wraps",
			__syscall3(__NR_mprotect, p, -1L, PROT_READ), -ENOMEM);
	fails += expect("mprotect(p, 4096, PROT_READ | 1 << 32)",
			__syscall3(__NR_mprotect, p, 4096, PROT_READ | (1L << 32)), -EINVAL);
	fails += expect("mmap(prot PROT_READ | 1 << 32)",
			__syscall6(__NR_mmap, 0, 4096, PROT_READ | (1L << 32), MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
			-EINVAL);
	fails += expect("set_oom_score_adj(pid 1 << 32, 0)",
			__syscall2(__NR_set_oom_score_adj, 1L << 32, 0), -ESRCH);
	fails += expect("set_oom_score_adj(pid 2 = kswapd0, 0)",
			__syscall2(__NR_set_oom_score_adj, 2, 0), -EPERM);
	/* The page is still mapped and writable after all that. */
	*(volatile int *)p = 1;
	fails += expect("munmap(p, 4096)", __syscall2(__NR_munmap, p, 4096), 0);
	printf("fault[%d]: badargs: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * The shared zero page must stay zero: read a fresh private page (the zero
 * page gets mapped), make it writable with mprotect, write to it; then a
 * second fresh page must still read zero. On a CPU with hardware dirty
 * tracking (CPU=max) a writable entry for the zero page would let the store
 * through without a fault (issue 11, A).
 */
static int fault_zeropage(void)
{
	volatile unsigned char *a, *b;
	unsigned char before;
	int fails = 0;

	a = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	b = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED || b == MAP_FAILED)
		return expect("mmap for the zeropage test", -errno, 0);
	before = a[100];		/* maps the zero page, read-only */
	fails += expect("mprotect(a, RW)", mprotect((void *)a, 4096, PROT_READ | PROT_WRITE), 0);
	a[100] = 0x42;			/* must fault and copy */
	fails += expect("a[100] after the write", a[100], 0x42);
	fails += expect("a fresh page reads zero (b[100])", b[100], 0);
	fails += expect("a[100] read zero before the write", before, 0);
	printf("fault[%d]: zeropage: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * brk after mprotect of part of the heap (issue 11, B and 2): the heap is
 * now three VMAs. Growing it must add writable memory after the last one,
 * not stretch the first over the others; a write() from the PROT_NONE page
 * must fail with -EFAULT, not hang the kernel in its uaccess fault handler.
 */
static int fault_brk_split(void)
{
	long b = __syscall1(__NR_brk, 0), P = 4096;
	int fails = 0;

	fails += expect("brk(b + 3P)", __syscall1(__NR_brk, b + 3 * P), b + 3 * P);
	*(volatile char *)(b + P) = 1;
	fails += expect("mprotect(b + P, P, PROT_NONE)", __syscall3(__NR_mprotect, b + P, P, PROT_NONE), 0);
	fails += expect("brk(b + 4P)", __syscall1(__NR_brk, b + 4 * P), b + 4 * P);
	fails += expect("write(1, b + P (PROT_NONE), 1)", __syscall3(__NR_write, 1, b + P, 1), -EFAULT);
	*(volatile char *)(b + 3 * P) = 3;	/* the new heap page is writable */
	*(volatile char *)(b + 2 * P) = 2;	/* and the old one after the hole still is */
	fails += expect("b[3P] after the write", *(volatile char *)(b + 3 * P), 3);
	fails += expect("mprotect(b + P, P, PROT_READ)", __syscall3(__NR_mprotect, b + P, P, PROT_READ), 0);
	fails += expect("b[P] still holds what was written", *(volatile char *)(b + P), 1);
	fails += expect("brk(b)", __syscall1(__NR_brk, b), b);
	fails += expect("brk(b + P) again", __syscall1(__NR_brk, b + P), b + P);
	fails += expect("the page at b comes back zeroed", *(volatile char *)b, 0);
	printf("fault[%d]: brk-split: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * write() a buffer of never-touched pages: every page is first touched by
 * the kernel's copy_from_user, which faults and demand-pages it (the zero
 * page) from EL1. The uaccess suite checks those faults ran with IRQs on.
 */
static int fault_bigwrite(void)
{
	const size_t len = 64 * 4096;
	char *b = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long n;

	if (b == MAP_FAILED)
		return expect("mmap(64 pages) for bigwrite", -1, 0);
	n = write(1, b, len);	/* all zero bytes: prints nothing */
	printf("fault[%d]: bigwrite: write() of %lu untouched bytes returned %ld\n", pid,
	       (unsigned long)len, n);
	return n == (long)len ? 0 : 1;
}

/*
 * write() of 1 GiB never touched (the zero page behind every page: zero
 * bytes, nothing printed), long enough that others must get the CPU while
 * it runs and a kill must stop it (issue 11, B).
 */
static int fault_hugewrite(void)
{
	const size_t len = 1UL << 30;
	char *b = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long n;

	if (b == MAP_FAILED)
		return expect("mmap(1 GiB) for hugewrite", -1, 0);
	printf("fault[%d]: hugewrite: writing %lu bytes\n", pid, (unsigned long)len);
	n = write(1, b, len);
	printf("fault[%d]: hugewrite: returned %ld\n", pid, n);
	return n == (long)len ? 0 : 1;
}

/* A load-exclusive from a misaligned address: an alignment fault, SIGBUS (issue 11, 3). */
static int fault_align(void)
{
	static u64 words[2];
	unsigned long addr = hide((unsigned long)words + 1), v;

	printf("fault[%d]: ldxr from the misaligned %#lx\n", pid, addr);
	__asm__ __volatile__("ldxr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	printf("fault[%d]: read %#lx\n", pid, v);
	return survived("align");
}

/*
 * sparse: map 1 GiB, touch one page per 2 MiB (512 PTE tables for 512
 * pages), unmap it, with pauses between the steps so that the kernel's
 * pgtables test (kernel/task_test.c) can look at this task's page-table
 * count before, during and after. Exit 0 if every call worked.
 */
static int fault_sparse(void)
{
	const unsigned long len = 1UL << 30, step = 2UL << 20;
	char *p;

	sleep_ms(300);				/* before: the baseline */
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		printf("fault[%d]: sparse: mmap 1 GiB failed (%s)\n", pid, errno_name(errno));
		return 1;
	}
	for (unsigned long off = 0; off < len; off += step)
		p[off] = 1;
	sleep_ms(300);				/* during: 512 pages, 512+ tables */
	if (munmap(p, len) < 0) {
		printf("fault[%d]: sparse: munmap failed (%s)\n", pid, errno_name(errno));
		return 1;
	}
	sleep_ms(300);				/* after: the tables should be gone */
	return 0;
}

/* A child that only waits to be killed (for adjrule and spawnmany); ends by itself after 30 s. */
static int fault_sleep(void)
{
	sleep_ms(30000);
	return 0;
}

static pid_t spawn_sleeper(void)
{
	char *argv[] = { "fault", "sleep", NULL };

	return (pid_t)__syscall2(__NR_spawn, "fault", argv);
}

static void kill_and_reap(pid_t child)
{
	if (child > 0) {
		__syscall2(__NR_kill, child, SIGKILL);
		__syscall2(__NR_wait, child, 0);
	}
}

/*
 * The unprivileged side of set_oom_score_adj (kernel/sys.c
 * set_oom_score_adj, Linux's __set_oom_adj): spawned by `fault adjrule`, a
 * user task, so without CAP_SYS_RESOURCE, and with the oom_score_adj and
 * oom_score_adj_min (-500) it inherited. arg2 is the parent's pid.
 */
static int fault_adjchild(void)
{
	long parent = arg2 ? atoi(arg2) : 0;
	pid_t child;
	int fails = 0;

	fails += expect("adj(self, 200): raise", __syscall2(__NR_set_oom_score_adj, 0, 200), 0);
	fails += expect("adj(self, -500): down to the inherited min",
			__syscall2(__NR_set_oom_score_adj, pid, -500), 0);
	fails += expect("adj(self, -501): below the min", __syscall2(__NR_set_oom_score_adj, 0, -501), -EACCES);
	fails += expect("adj(self, -1000)", __syscall2(__NR_set_oom_score_adj, 0, -1000), -EACCES);
	fails += expect("adj(self, 1001)", __syscall2(__NR_set_oom_score_adj, 0, 1001), -EINVAL);
	child = spawn_sleeper();
	fails += expect("spawn(fault sleep) > 0", child > 0, 1);
	if (child > 0) {
		fails += expect("adj(my child, 1000)", __syscall2(__NR_set_oom_score_adj, child, 1000), 0);
		fails += expect("adj(my child, -500)", __syscall2(__NR_set_oom_score_adj, child, -500), 0);
		fails += expect("adj(my child, -600)", __syscall2(__NR_set_oom_score_adj, child, -600), -EACCES);
	}
	fails += expect("adj(my parent, 0): not mine",
			parent > 0 ? __syscall2(__NR_set_oom_score_adj, parent, 0) : 0, -EPERM);
	fails += expect("adj(init, 0): not mine", __syscall2(__NR_set_oom_score_adj, 1, 0), -EPERM);
	fails += expect("adj(init, 1000): not mine either", __syscall2(__NR_set_oom_score_adj, 1, 1000), -EPERM);
	fails += expect("adj(pid 2 = kswapd0, 0)", __syscall2(__NR_set_oom_score_adj, 2, 0), -EPERM);
	fails += expect("adj(no such task, 0)", __syscall2(__NR_set_oom_score_adj, 0x7fffffff, 0), -ESRCH);
	kill_and_reap(child);
	printf("fault[%d]: adjchild: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * The privileged side, then the unprivileged one. Spawned by the kernel,
 * this task has CAP_SYS_RESOURCE: it may go to -1000 and back up, which
 * sets its oom_score_adj_min to -500; and it may lower a child of its
 * below that child's minimum. Then its child runs fault adjchild, whose
 * exit status says whether the unprivileged rules held.
 */
static int fault_adjrule(void)
{
	char ppid[16];
	char *argv[] = { "fault", "adjchild", ppid, NULL };
	pid_t child;
	int fails = 0, status = -1;

	fails += expect("adj(self, -1000), privileged", __syscall2(__NR_set_oom_score_adj, 0, -1000), 0);
	fails += expect("adj(self, -500): min becomes -500", __syscall2(__NR_set_oom_score_adj, 0, -500), 0);
	child = spawn_sleeper();
	fails += expect("spawn(fault sleep) > 0", child > 0, 1);
	if (child > 0)
		fails += expect("adj(child, -1000), privileged",
				__syscall2(__NR_set_oom_score_adj, child, -1000), 0);
	kill_and_reap(child);
	snprintf(ppid, sizeof(ppid), "%d", pid);
	child = (pid_t)__syscall2(__NR_spawn, "fault", argv);
	fails += expect("spawn(fault adjchild) > 0", child > 0, 1);
	if (child > 0 && __syscall2(__NR_wait, child, &status) == child)
		fails += expect("fault adjchild exit status", status, 0);
	printf("fault[%d]: adjrule: %s (%d wrong)\n", pid, fails ? "FAILED" : "all OK", fails);
	return fails ? 1 : 0;
}

/*
 * kernel.threads-max: spawn sleeping children until spawn fails (at most
 * 64). arg2 is how many the kernel's test expects before -EAGAIN. Then
 * kill and reap them all.
 */
static int fault_spawnmany(void)
{
	static pid_t children[64];
	long want = arg2 ? atoi(arg2) : -1, err = 0;
	int n = 0, fails = 0;

	while (n < 64) {
		long r = spawn_sleeper();

		if (r < 0) {
			err = r;
			break;
		}
		children[n++] = (pid_t)r;
	}
	fails += expect("children spawned", n, want);
	fails += expect("then spawn returned", err, -EAGAIN);
	for (int i = 0; i < n; i++)
		kill_and_reap(children[i]);
	printf("fault[%d]: spawnmany: %d children, then %s: %s\n", pid, n, err ? errno_name((int)-err) : "no error",
	       fails ? "FAILED" : "OK");
	return fails ? 1 : 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
	const char *help;
} tests[] = {
	{ "null", fault_null, "read NULL" },
	{ "write-ro", fault_write_ro, "write to my own (read-only) text" },
	{ "exec-nx", fault_exec_nx, "jump into a data page" },
	{ "kernel", fault_kernel, "read 0xffff000000000000" },
	{ "kernel-image", fault_kernel_image, "read the kernel's text (mapped, EL1 only)" },
	{ "unmapped", fault_unmapped, "read a page that was munmap()ed" },
	{ "mprotect", fault_mprotect, "write a page after mprotect(PROT_READ)" },
	{ "execonly", fault_execonly, "read, then write, a PROT_EXEC-only page (the write dies)" },
	{ "align", fault_align, "ldxr from a misaligned address (SIGBUS)" },
	{ "undef", fault_undef, "execute an undefined instruction" },
	{ "stack-overflow", fault_stack_overflow, "recurse until the stack VMA runs out" },
	{ "badsyscall", fault_badsyscall, "syscall 9999 must return -ENOSYS (exit 0 if so)" },
	{ "efault", fault_efault, "bad pointers to syscalls must give -EFAULT (exit 0 if so)" },
	{ "zeropage", fault_zeropage, "write after mprotect RW must not reach the zero page (exit 0 if so)" },
	{ "brk-split", fault_brk_split, "brk after mprotect of part of the heap (exit 0 if right)" },
	{ "bigwrite", fault_bigwrite, "write() 64 never-touched pages (exit 0 if all written)" },
	{ "hugewrite", fault_hugewrite, "write() 1 GiB never touched: long, others run, a kill stops it" },
	{ "sparse", fault_sparse, "map 1 GiB, touch a page per 2 MiB, unmap, with pauses (exit 0 if it worked)" },
	{ "badargs", fault_badargs, "wrapping lengths, high prot bits, pid 2^32 must fail (exit 0 if so)" },
	{ "sleep", fault_sleep, "sleep 30 s (a child for the modes below)" },
	{ "adjrule", fault_adjrule, "set_oom_score_adj, privileged here, unprivileged in a child (exit 0 if right)" },
	{ "adjchild", fault_adjchild, "PPID: the unprivileged rules (adjrule spawns it)" },
	{ "spawnmany", fault_spawnmany, "N: spawn until -EAGAIN, expecting N children (exit 0 if so)" },
};

int main(int argc, char **argv)
{
	pid = getpid();
	arg2 = argc == 3 ? argv[2] : NULL;
	for (unsigned long i = 0; (argc == 2 || argc == 3) && i < sizeof(tests) / sizeof(tests[0]); i++)
		if (!strcmp(argv[1], tests[i].name))
			return tests[i].fn();
	printf("usage: fault WHAT, where WHAT is one of\n");
	for (unsigned long i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
		printf("  %-15s %s\n", tests[i].name, tests[i].help);
	return 2;
}
