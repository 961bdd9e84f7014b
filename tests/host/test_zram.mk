# The compressed swap area (mm/zram.c; the test reaches its internals through
# mm/zram_internal.h) on mm/zsmalloc.c, the real SLUB and buddy allocator in a fake RAM
# arena, and the host's liblz4.
HOST_TESTS += test_zram
test_zram_SRCS := mm/zram.c mm/zram_bootargs.c mm/zram_lz4.c mm/zram_show.c mm/zram_corrupt.c lib/cmdline.c lib/prandom.c mm/zsmalloc.c $(HOST_SLUB_SRCS)
# The static archive: Debian's liblz4.so hides LZ4_compress_fast_extState_fastReset
# (lz4.h: "definitions are hidden ... when building LZ4 as a shared library").
test_zram_LIBS := -l:liblz4.a

# The same program without sanitizers, -O2, for callgrind (ASan and valgrind
# do not mix): make zram-bench-host prints instructions per page on the host.
$(B)/host/bench_zram: tests/host/test_zram.c $(test_zram_SRCS)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) -std=gnu11 -O2 -g -DHOST_TEST -Itests/host/include -Iinclude -idirafter arch/arm64/include \
		-o $@ tests/host/test_zram.c $(test_zram_SRCS) $(test_zram_LIBS)

.PHONY: zram-bench-host
zram-bench-host: $(B)/host/bench_zram
	@bash bench/zram-host.sh $(B)/host/bench_zram
