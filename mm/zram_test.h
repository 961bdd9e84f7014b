/*
 * The page contents the zram suites store: mm/zram_test.c (suite zram, in
 * the kernel and on the host) and tests/host/test_zram.c (zram_host) fill
 * pages with the same kinds, from the same generators.
 */
#ifndef _MM_ZRAM_TEST_H
#define _MM_ZRAM_TEST_H

#include <linux/prandom.h>

enum zram_test_content {
	ZT_TEXT,	/* English-like text: compresses well */
	ZT_BINARY,	/* records of pointers, counters, flags: compresses */
	ZT_CODE,	/* the page of machine code holding zram_write_page: may be huge */
	ZT_RANDOM,	/* incompressible: stored as is (huge) */
	ZT_ZERO,	/* same-filled: no pool memory */
	ZT_SAME_WORD,	/* one 64-bit word repeated: same-filled */
	ZT_SAME_BYTE,	/* one byte repeated: same-filled */
	ZT_HALF_ZERO,	/* text, then zeros */
	ZT_ALMOST_ZERO,	/* zeros but one byte: not same-filled */
	NR_ZT_CONTENTS
};

extern const char *const zram_test_content_names[NR_ZT_CONTENTS];

/* Fill a page with content c; the random parts come from rnd. */
void zram_test_fill(char *page, enum zram_test_content c, struct rnd_state *rnd);

#endif
