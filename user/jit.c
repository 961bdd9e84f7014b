/*
 * jit: write machine code at run time and run it, as a JIT compiler does.
 *
 * A store goes through the data cache; instruction fetch reads through
 * the instruction cache, and on a CPU without CTR_EL0.IDC/DIC (Cortex-A53
 * and A72, every Pi) the two do not agree until the program cleans the
 * data cache to the point of unification (DC CVAU) and invalidates the
 * instruction cache (IC IVAU), each finished with DSB, then ISB (ARM ARM
 * D7.5.9). The kernel lets EL0 do that (SCTLR_EL1.UCI) and read the line
 * sizes from CTR_EL0 (SCTLR_EL1.UCT); without UCI these instructions trap
 * and the task is killed. Linux user space does exactly this
 * (__builtin___clear_cache).
 *
 * The code is written into a writable mapping, which is then made
 * executable (W^X: never both), run, made writable again, rewritten and
 * run again: the second answer shows the new code was fetched.
 * Exit status 0 if both functions returned what was written.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define A64_MOVZ_W0(imm)	(0x52800000u | ((unsigned int)(imm) << 5))	/* mov w0, #imm */
#define A64_RET			0xd65f03c0u

static void sync_code(void *start, unsigned long len)
{
	unsigned long ctr, dline, iline, a, end = (unsigned long)start + len;

	__asm__ __volatile__("mrs %0, ctr_el0" : "=r"(ctr));
	dline = 4UL << ((ctr >> 16) & 0xf);	/* CTR_EL0.DminLine */
	iline = 4UL << (ctr & 0xf);		/* CTR_EL0.IminLine */
	for (a = (unsigned long)start & ~(dline - 1); a < end; a += dline)
		__asm__ __volatile__("dc cvau, %0" : : "r"(a) : "memory");
	__asm__ __volatile__("dsb ish" : : : "memory");
	for (a = (unsigned long)start & ~(iline - 1); a < end; a += iline)
		__asm__ __volatile__("ic ivau, %0" : : "r"(a) : "memory");
	__asm__ __volatile__("dsb ish\n\tisb" : : : "memory");
}

/* Write `mov w0, #value; ret` at code, make it executable, call it. */
static int emit_and_run(unsigned int *code, int value)
{
	int (*fn)(void) = (int (*)(void))(void *)code;

	if (mprotect(code, 4096, PROT_READ | PROT_WRITE) < 0)
		return -1;
	code[0] = A64_MOVZ_W0(value);
	code[1] = A64_RET;
	sync_code(code, 8);
	if (mprotect(code, 4096, PROT_READ | PROT_EXEC) < 0)
		return -1;
	return fn();
}

int main(void)
{
	unsigned int *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int first, second;

	if (code == MAP_FAILED) {
		printf("jit: mmap failed\n");
		return 2;
	}
	first = emit_and_run(code, 42);
	second = emit_and_run(code, 7);
	printf("jit[%d]: first function returned %d (want 42), rewritten one %d (want 7)\n", getpid(),
	       first, second);
	return first == 42 && second == 7 ? 0 : 1;
}
