/*
 * fpsimd: keep values in every FP/SIMD register, the FP control register and
 * TPIDR_EL0 across many context switches, and check they all come back.
 *
 *     fpsimd SEED [YIELDS]
 *
 * Run two or more at once with different seeds: if the kernel did not save
 * and restore each task's registers at a context switch, one task would
 * read the other's values. Exit status 0 if every register came back, 1 if
 * not (the first wrong one is named), 2 for bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include <unistd.h>
#include <linux/types.h>

static u64 in[64] __aligned(16), out[64] __aligned(16);

/*
 * Load V0-V31 from in[], set FPCR and TPIDR_EL0, yield the CPU n times
 * (every register stays live: nothing but the kernel runs in between), then
 * store V0-V31 to out[] and read FPCR and TPIDR_EL0 back.
 */
static void hold(long n, u64 fpcr, u64 tp, u64 *fpcr_back, u64 *tp_back)
{
	const u64 *src = in;
	u64 *dst = out;

	__asm__ __volatile__(
		"ld1	{v0.2d, v1.2d, v2.2d, v3.2d}, [%[src]], #64\n\t"
		"ld1	{v4.2d, v5.2d, v6.2d, v7.2d}, [%[src]], #64\n\t"
		"ld1	{v8.2d, v9.2d, v10.2d, v11.2d}, [%[src]], #64\n\t"
		"ld1	{v12.2d, v13.2d, v14.2d, v15.2d}, [%[src]], #64\n\t"
		"ld1	{v16.2d, v17.2d, v18.2d, v19.2d}, [%[src]], #64\n\t"
		"ld1	{v20.2d, v21.2d, v22.2d, v23.2d}, [%[src]], #64\n\t"
		"ld1	{v24.2d, v25.2d, v26.2d, v27.2d}, [%[src]], #64\n\t"
		"ld1	{v28.2d, v29.2d, v30.2d, v31.2d}, [%[src]], #64\n\t"
		"msr	fpcr, %[fpcr]\n\t"
		"msr	tpidr_el0, %[tp]\n"
		"1:\n\t"
		"mov	x8, %[nr]\n\t"
		"svc	#0\n\t"
		"subs	%[n], %[n], #1\n\t"
		"b.ne	1b\n\t"
		"st1	{v0.2d, v1.2d, v2.2d, v3.2d}, [%[dst]], #64\n\t"
		"st1	{v4.2d, v5.2d, v6.2d, v7.2d}, [%[dst]], #64\n\t"
		"st1	{v8.2d, v9.2d, v10.2d, v11.2d}, [%[dst]], #64\n\t"
		"st1	{v12.2d, v13.2d, v14.2d, v15.2d}, [%[dst]], #64\n\t"
		"st1	{v16.2d, v17.2d, v18.2d, v19.2d}, [%[dst]], #64\n\t"
		"st1	{v20.2d, v21.2d, v22.2d, v23.2d}, [%[dst]], #64\n\t"
		"st1	{v24.2d, v25.2d, v26.2d, v27.2d}, [%[dst]], #64\n\t"
		"st1	{v28.2d, v29.2d, v30.2d, v31.2d}, [%[dst]], #64\n\t"
		"mrs	%[fpcr], fpcr\n\t"
		"mrs	%[tp], tpidr_el0\n\t"
		: [src] "+r"(src), [dst] "+r"(dst), [n] "+r"(n), [fpcr] "+r"(fpcr), [tp] "+r"(tp)
		: [nr] "i"(__NR_sched_yield)
		: "x0", "x8", "memory", "cc",
		  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12",
		  "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24",
		  "v25", "v26", "v27", "v28", "v29", "v30", "v31");
	*fpcr_back = fpcr;
	*tp_back = tp;
}

int main(int argc, char **argv)
{
	pid_t pid = getpid();
	unsigned long seed, yields = 200;
	/* FPCR.RMode [23:22] and FZ [24]: harmless to change, visible if lost. */
	u64 fpcr, tp, fpcr_back, tp_back;
	char *end;

	if (argc < 2 || argc > 3 || (seed = strtoul(argv[1], &end, 0), *end) ||
	    (argc == 3 && ((yields = strtoul(argv[2], &end, 0)), *end || !yields))) {
		printf("usage: fpsimd SEED [YIELDS]\n");
		return 2;
	}
	for (int i = 0; i < 64; i++)
		in[i] = (seed + 1) * 0x9e3779b97f4a7c15UL ^ ((u64)i << 56 | (u64)i);
	fpcr = ((seed & 3) << 22) | ((seed >> 2 & 1) << 24);
	tp = 0x7e7e000000000000UL | seed;
	hold((long)yields, fpcr, tp, &fpcr_back, &tp_back);
	for (int i = 0; i < 64; i++) {
		if (out[i] != in[i]) {
			printf("fpsimd[%d]: V%d.D[%d] = %#lx, expected %#lx: another task's register?\n",
			       pid, i / 2, i % 2, (unsigned long)out[i], (unsigned long)in[i]);
			return 1;
		}
	}
	if (fpcr_back != fpcr || tp_back != tp) {
		printf("fpsimd[%d]: FPCR %#lx (expected %#lx), TPIDR_EL0 %#lx (expected %#lx)\n", pid,
		       (unsigned long)fpcr_back, (unsigned long)fpcr, (unsigned long)tp_back,
		       (unsigned long)tp);
		return 1;
	}
	printf("fpsimd[%d]: seed %lu: V0-V31, FPCR and TPIDR_EL0 intact after %lu yields\n", pid, seed,
	       yields);
	return 0;
}
