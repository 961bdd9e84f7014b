/*
 * Cache-line size and alignment, as Linux's include/linux/cache.h and
 * arch/arm64/include/asm/cache.h.
 *
 * 64 bytes: the data cache line of the Cortex-A72 (raspi4b) and the
 * Cortex-A53 (Technical Reference Manuals, "L1 data cache": 64-byte lines)
 * and of QEMU's "virt" CPUs. Software can read the largest line the caches
 * write back from CTR_EL0.CWG, the Cache Writeback Granule: log2 of the
 * size in 4-byte words (ARM ARM D17.2, CTR_EL0), so CWG = 4 means
 * 16 words = 64 bytes. Linux's arm64 uses the same compile-time
 * L1_CACHE_SHIFT of 6 for layout and reads CWG at run time
 * (cache_line_size()) where it must be exact.
 *
 * Data that two CPUs write is best kept on different lines: a write needs
 * the line in the writer's cache exclusively, so two CPUs writing their own
 * halves of one line take it from each other on every store ("false
 * sharing"). Per-CPU structures kept in an [NR_CPUS] array are therefore
 * aligned (and so padded) to a line each, ____cacheline_aligned_in_smp,
 * where Linux puts them in per-CPU memory that is apart anyway.
 */
#ifndef _LINUX_CACHE_H
#define _LINUX_CACHE_H

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES

#define ____cacheline_aligned	__attribute__((__aligned__(SMP_CACHE_BYTES)))
/* The kernel is always built for several CPUs (NR_CPUS = 4), so always aligned. */
#define ____cacheline_aligned_in_smp	____cacheline_aligned

#endif
