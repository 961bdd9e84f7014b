/*
 * Which liblz4 entry point compresses a page for the swap area (mm/zram.c):
 * a switch for measuring, set by the zram.lz4= boot argument or by the
 * benchmarks (bench/zram_bench.c, bench/host/bench_zram.c). All three
 * write ordinary lz4 blocks that LZ4_decompress_safe reads; they differ in
 * what they do with the 16 KiB state each time, which is most of the cost
 * of compressing a 4 KiB page (docs/zram.md, "Measured"):
 *   fastreset  LZ4_compress_fast_extState_fastReset: resets only what it
 *              must (the default: the state was set up once by LZ4_initStream)
 *   extstate   LZ4_compress_fast_extState: clears the whole state every call
 *   stream     LZ4_resetStream_fast + LZ4_compress_fast_continue: the
 *              streaming API, one block per stream
 * Linux's zram picks an algorithm (comp_algorithm), not an lz4 entry point.
 */
#define LZ4_STATIC_LINKING_ONLY		/* LZ4_compress_fast_extState_fastReset */
#include <lz4.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/zram.h>
#include "zram_internal.h"
#include <string.h>

static enum zram_lz4_mode lz4_mode = ZRAM_LZ4_FASTRESET;

static const char *const lz4_mode_names[NR_ZRAM_LZ4_MODES] = {
	[ZRAM_LZ4_FASTRESET] = "fastreset",
	[ZRAM_LZ4_EXTSTATE] = "extstate",
	[ZRAM_LZ4_STREAM] = "stream",
};

VISIBLE_IF_KUNIT int __init parse_zram_lz4(const char *val)
{
	for (int m = 0; m < NR_ZRAM_LZ4_MODES; m++)
		if (val && strcmp(val, lz4_mode_names[m]) == 0) {
			lz4_mode = m;
			return 0;
		}
	return -1;
}
__setup("zram.lz4", parse_zram_lz4);

const char *zram_lz4_mode_name(enum zram_lz4_mode mode)
{
	return mode < NR_ZRAM_LZ4_MODES ? lz4_mode_names[mode] : "?";
}

enum zram_lz4_mode zram_get_lz4_mode(void)
{
	return lz4_mode;
}

enum zram_lz4_mode zram_set_lz4_mode(enum zram_lz4_mode mode)
{
	enum zram_lz4_mode old = lz4_mode;

	if (mode < NR_ZRAM_LZ4_MODES)
		lz4_mode = mode;
	return old;
}

int zram_lz4_compress(void *state, const void *src, char *dst, int dst_size)
{
	switch (lz4_mode) {
	case ZRAM_LZ4_EXTSTATE:
		return LZ4_compress_fast_extState(state, src, dst, PAGE_SIZE, dst_size, 1);
	case ZRAM_LZ4_STREAM:
		LZ4_resetStream_fast(state);
		return LZ4_compress_fast_continue(state, src, dst, PAGE_SIZE, dst_size, 1);
	default:
		return LZ4_compress_fast_extState_fastReset(state, src, dst, PAGE_SIZE, dst_size, 1);
	}
}
