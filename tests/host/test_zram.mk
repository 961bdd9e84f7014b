# The compressed swap area (mm/zram.c, #included by the test to reach its
# internals) on mm/zsmalloc.c, the real SLUB and buddy allocator in a fake RAM
# arena, and the host's liblz4.
HOST_TESTS += test_zram
test_zram_SRCS := lib/bitmap.c lib/cmdline.c lib/prandom.c mm/zsmalloc.c mm/slub.c mm/slub_debug.c mm/slab_common.c mm/kmalloc.c \
	mm/memblock.c mm/mm_init.c mm/page_alloc.c mm/page_alloc_debug.c \
	mm/percpu_pagelist.c mm/vmstat.c tests/host/host_shim.c tests/host/host_mm.c \
	tests/host/host_stubs.c
test_zram_DEPS := mm/zram.c
# include/linux/swap.h needs asm/pgtable.h: the host stand-ins in
# tests/host/include come first, arch/arm64/include fills in the rest.
test_zram_CFLAGS := -idirafter arch/arm64/include
# The static archive: Debian's liblz4.so hides LZ4_compress_fast_extState_fastReset
# (lz4.h: "definitions are hidden ... when building LZ4 as a shared library").
test_zram_LIBS := -include linux/compiler.h -l:liblz4.a

# The same program without sanitizers, -O2, for callgrind (ASan and valgrind
# do not mix): make zram-bench-host prints instructions per page on the host.
$(B)/host/bench_zram: tests/host/test_zram.c mm/zram.c $(test_zram_SRCS)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -std=gnu11 -O2 -g -DHOST_TEST -Itests/host/include -Iinclude $(test_zram_CFLAGS) \
		-o $@ tests/host/test_zram.c $(test_zram_SRCS) $(test_zram_LIBS)

.PHONY: zram-bench-host
zram-bench-host: $(B)/host/bench_zram
	@bash tests/host/test_zram.bench.sh $(B)/host/bench_zram
