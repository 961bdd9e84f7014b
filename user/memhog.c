/*
 * memhog: allocate memory, fill every page, and prove it all comes back intact.
 *
 *     memhog MIB [mmap|brk] [PASSES] [text|binary|zero|random] [readfirst]
 *            [adj=N] [sleep=MS] [hold=PID] [corrupt=PAGE]
 *
 * Words after MIB may come in any order. Defaults: mmap, 1 pass, text.
 *
 * Each page gets contents computed from (page index, pass), so any page
 * can be checked on its own: a page that comes back from swap with another
 * page's data, stale data from an earlier pass, or flipped bits is caught.
 * A checksum of every page is also kept in a separate table (on the heap),
 * and checked along with the contents.
 *
 * Pass 1 writes every page; each later pass verifies the page against the
 * previous pass and rewrites it; at the end every page is verified again.
 * For reclaim, that means: fill more than fits, then read it all back.
 *
 * Page contents (the modes differ in how well they compress; the ratio is
 * lz4's on one 4 KiB page, measured with the host's liblz4):
 *   text    English-like phrases in lines, a text header line      (about 2.1x)
 *   binary  table-like records: pointers, counters, small values   (about 1.8x)
 *   random  a header, then pseudo-random words                     (1.0x: stored as-is)
 *   zero    all zero: the same-filled page zram stores without data
 * Every mode but zero starts with a header naming the page index and pass.
 *
 * Options: readfirst checks that each fresh page reads as zero before the
 * first write (demand-zero: a read fault, then a write fault); adj=N sets
 * oom_score_adj (-1000..1000); sleep=MS waits after each pass, holding the
 * memory (to let kswapd work, or to be there when the OOM killer looks);
 * hold=PID waits after each pass for as long as task PID lives, which
 * holds the memory exactly until the caller says so (a timed sleep ends on
 * its own when a slow machine has not got to the point yet);
 * corrupt=PAGE damages that page after the last pass, as a bad swap-in
 * would, to prove the check catches it (a test of the test).
 *
 * Exit status: 0 only if every page verified; 1 if any page was wrong
 * (the first bad page is described), 2 for bad usage or failed allocation.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/prandom.h>
#include <linux/types.h>

#define PAGE_SIZE	4096UL
#define WORDS		(PAGE_SIZE / sizeof(u64))
#define MAGIC		0x474f484dUL		/* "MHOG" in memory order */

enum mode { TEXT, BINARY, RANDOM, ZERO };
static const char *const mode_names[] = { "text", "binary", "random", "zero" };

static pid_t pid;
static enum mode mode = TEXT;
static u64 expected[WORDS] __aligned(16);	/* scratch: what a page should hold */
static unsigned long nbad;

/* splitmix64's finaliser: spreads (index, pass) over all 64 bits. */
static u64 mix(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9UL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebUL;
	return x ^ (x >> 31);
}

/* Phrases, not single words: real text repeats whole phrases, which is what LZ4 finds. */
static const char *const dict[64] = {
	"the page", "of the", "in the", "is not", "to the", "and then", "was written",
	"on the list", "for each", "from the", "it is", "at the end", "with a", "by the",
	"memory", "kernel", "swap", "reclaim", "generation", "process", "table", "fault",
	"anonymous", "compressed", "young", "old", "evict", "refault", "the oldest",
	"the youngest", "when free memory runs low,", "kswapd wakes up", "and scans",
	"pages that were", "accessed recently", "are kept;", "the others", "go to swap.",
	"A page", "comes back", "on the next touch", "and is checked.", "This", "that",
	"which", "because", "however,", "so", "as", "if", "but", "not", "more", "less",
	"one", "two", "many", "all", "every", "some", "each time", "again", "later", "now",
};

static void fill_text(char *p, unsigned long idx, unsigned int pass, struct rnd_state *rnd)
{
	char *end = p + PAGE_SIZE;
	int col;
	u64 r = 0;
	int bits = 0;

	/* 32 bytes: "memhog page 0000000123 pass 001\n" */
	p += snprintf(p, PAGE_SIZE, "memhog page %010lu pass %03u\n", idx, pass % 1000);
	col = 0;
	while (p < end) {
		const char *w;

		if (bits < 6) {
			r = prandom_u64_state(rnd);
			bits = 64;
		}
		w = dict[r & 63];
		r >>= 6;
		bits -= 6;
		while (*w && p < end)
			*p++ = *w++, col++;
		if (p < end) {
			*p++ = col > 64 ? '\n' : ' ';
			col = col > 64 ? 0 : col + 1;
		}
	}
	end[-1] = '\n';
}

/* Records of four words, like an array of small structs. */
static void fill_binary(u64 *w, unsigned long idx, unsigned int pass, struct rnd_state *rnd)
{
	u64 base = 0x0000ffff80000000UL + (idx << 12);

	for (unsigned long i = 2; i < WORDS; i++) {
		u64 r = prandom_u64_state(rnd);

		switch (i & 3) {
		case 0: w[i] = base + i * 32; break;			/* a pointer */
		case 1: w[i] = (i << 32) | (r & 0xff); break;		/* counter, flags */
		case 2: w[i] = r % 1000; break;				/* a small value */
		default: w[i] = (u64)pass << 8 | (r & 3); break;	/* nearly constant */
		}
	}
}

/* Write the contents page idx has in pass into p (a page, or the scratch buffer). */
static void fill_page(void *p, unsigned long idx, unsigned int pass)
{
	u64 *w = p;
	struct rnd_state rnd;

	/* lib/prandom.c's xorshift64*, seeded per page and pass. */
	prandom_seed_state(&rnd, mix(idx * 0x9e3779b97f4a7c15UL + pass) | 1);

	switch (mode) {
	case ZERO:
		memset(p, 0, PAGE_SIZE);
		return;
	case TEXT:
		fill_text(p, idx, pass, &rnd);
		return;
	case BINARY:
		fill_binary(w, idx, pass, &rnd);
		break;
	case RANDOM:
		for (unsigned long i = 2; i < WORDS; i++)
			w[i] = prandom_u64_state(&rnd);
		break;
	}
	w[0] = idx;
	w[1] = MAGIC << 32 | pass;
}

/* FNV-1a over 64-bit words, folded to 32 bits. */
static u32 page_csum(const u64 *w)
{
	u64 h = 0xcbf29ce484222325UL;

	for (unsigned long i = 0; i < WORDS; i++)
		h = (h ^ w[i]) * 0x100000001b3UL;
	return (u32)(h ^ (h >> 32));
}

/* What the header of a wrong page says it is, to tell a misplaced page from a damaged one. */
static void describe(const u64 *w, char *buf, size_t size)
{
	const char *c = (const char *)w;
	unsigned long i;

	if (mode == TEXT) {
		for (i = 0; i < 31 && i + 1 < size && c[i] >= ' ' && c[i] < 127; i++)
			buf[i] = c[i];
		buf[i] = '\0';
		if (!i)
			snprintf(buf, size, "no text header");
	} else if (mode == ZERO) {
		snprintf(buf, size, "zero pages have no header");
	} else if (w[1] >> 32 == MAGIC) {
		snprintf(buf, size, "header says page %lu pass %lu", (unsigned long)w[0],
			 (unsigned long)(w[1] & 0xffffffff));
	} else {
		snprintf(buf, size, "no header: first words %#lx %#lx", (unsigned long)w[0],
			 (unsigned long)w[1]);
	}
}

/* Check page idx against pass; report the first bad page in detail. Returns true if good. */
static bool verify_page(const u64 *page, unsigned long idx, unsigned int pass, u32 csum)
{
	u32 got = page_csum(page);
	unsigned long i;
	char what[64];

	fill_page(expected, idx, pass);
	for (i = 0; i < WORDS; i++)
		if (page[i] != expected[i])
			break;
	if (i == WORDS && got == csum)
		return true;
	if (nbad++ == 0) {
		describe(page, what, sizeof(what));
		if (i < WORDS)
			printf("memhog[%d]: BAD page %lu at %p (pass %u): offset %#lx holds 0x%016lx, "
			       "expected 0x%016lx; %s; checksum %#x, stored %#x\n",
			       pid, idx, page, pass, i * 8, (unsigned long)page[i],
			       (unsigned long)expected[i], what, got, csum);
		else
			printf("memhog[%d]: BAD checksum for page %lu at %p (pass %u): "
			       "contents right, stored checksum %#x, computed %#x\n",
			       pid, idx, page, pass, csum, got);
	}
	return false;
}

/* True if the page reads as all zero (fresh anonymous memory must). */
static bool page_is_zero(const u64 *page, unsigned long idx)
{
	for (unsigned long i = 0; i < WORDS; i++) {
		if (page[i]) {
			if (nbad++ == 0)
				printf("memhog[%d]: BAD fresh page %lu at %p is not zero: "
				       "offset %#lx holds 0x%016lx\n",
				       pid, idx, page, i * 8, (unsigned long)page[i]);
			return false;
		}
	}
	return true;
}

static int usage(void)
{
	printf("usage: memhog MIB [mmap|brk] [PASSES] [text|binary|zero|random] "
	       "[readfirst] [adj=N] [sleep=MS] [hold=PID] [corrupt=PAGE]\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned long mib, npages, passes = 1, sleep = 0, corrupt = -1UL, hold = 0;
	bool use_brk = false, readfirst = false;
	u32 *csum;
	char *mem, *end;

	pid = getpid();
	if (argc < 2)
		return usage();
	mib = strtoul(argv[1], &end, 0);
	if (*end || !mib || mib > (1UL << 20))
		return usage();
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool known = true;

		if (!strcmp(a, "mmap")) {
			use_brk = false;
		} else if (!strcmp(a, "brk")) {
			use_brk = true;
		} else if (!strcmp(a, "readfirst")) {
			readfirst = true;
		} else if (!strncmp(a, "adj=", 4)) {
			int adj = atoi(a + 4);

			if (set_oom_score_adj(0, adj) < 0) {
				printf("memhog[%d]: set_oom_score_adj(%d): %s\n", pid, adj,
				       errno_name(errno));
				return 2;
			}
		} else if (!strncmp(a, "corrupt=", 8)) {
			corrupt = strtoul(a + 8, NULL, 0);
		} else if (!strncmp(a, "sleep=", 6)) {
			sleep = strtoul(a + 6, NULL, 0);
		} else if (!strncmp(a, "hold=", 5)) {
			hold = strtoul(a + 5, &end, 0);
			known = !*end && hold > 0 && hold <= 0x7fffffff;
		} else if (a[0] >= '0' && a[0] <= '9') {
			passes = strtoul(a, &end, 0);
			known = !*end && passes >= 1 && passes <= 1000;
		} else {
			known = false;
			for (int m = 0; m < 4; m++)
				if (!strcmp(a, mode_names[m])) {
					mode = m;
					known = true;
				}
		}
		if (!known)
			return usage();
	}

	npages = mib << 20 >> 12;
	csum = malloc(npages * sizeof(*csum));
	if (!csum) {
		printf("memhog[%d]: no memory for the checksum table\n", pid);
		return 2;
	}
	if (use_brk) {
		mem = sbrk((long)(mib << 20));
		if (mem == (char *)-1)
			mem = MAP_FAILED;
	} else {
		mem = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	}
	if (mem == MAP_FAILED) {
		printf("memhog[%d]: %s of %lu MiB failed: %s\n", pid, use_brk ? "brk" : "mmap",
		       mib, errno_name(errno));
		return 2;
	}
	printf("memhog[%d]: allocated %lu MiB with %s at %p, %lu pass(es), %s pages\n", pid, mib,
	       use_brk ? "brk" : "mmap", mem, passes, mode_names[mode]);

	for (unsigned int pass = 1; pass <= passes; pass++) {
		for (unsigned long i = 0; i < npages; i++) {
			u64 *page = (u64 *)(mem + i * PAGE_SIZE);

			if (pass == 1 && readfirst)
				page_is_zero(page, i);
			if (pass > 1)
				verify_page(page, i, pass - 1, csum[i]);
			fill_page(page, i, pass);
			csum[i] = page_csum(page);
		}
		printf("memhog[%d]: pass %u/%lu: %s%lu pages written\n", pid, pass, passes,
		       pass > 1 ? "checked and " : "", npages);
		if (sleep)
			sleep_ms(sleep);
		while (hold && kill((pid_t)hold, 0) == 0)
			sleep_ms(20);
	}
	if (corrupt < npages) {
		printf("memhog[%d]: corrupting page %lu on purpose\n", pid, corrupt);
		((u64 *)(mem + corrupt * PAGE_SIZE))[100] ^= 1UL << 17;
	}
	for (unsigned long i = 0; i < npages; i++)
		verify_page((u64 *)(mem + i * PAGE_SIZE), i, passes, csum[i]);

	if (nbad) {
		printf("memhog[%d]: allocated %lu MiB, touched, verify FAILED: %lu bad page(s)\n",
		       pid, mib, nbad);
		return 1;
	}
	printf("memhog[%d]: allocated %lu MiB, touched, verified OK\n", pid, mib);
	return 0;
}
