# Benchmarks (bench/README.md), included by the top Makefile after the host
# tests (the host program links test_slub's sources).

# Instructions per allocation and per free (a benchmark: it never fails on its
# numbers): the "bench" boot mode under -icount (bench/bench.c), then the same
# rounds on the host under callgrind (bench/host.sh), then reclaim at
# 128M..2G (bench/reclaim.sh). Results: docs/buddy.md, docs/slub.md,
# docs/tasks.md, docs/zram.md, docs/reclaim.md.
ifeq ($(BENCH),1)
bench: deps all $(B)/host/bench_mm
	@bash bench/qemu.sh
	@bash bench/host.sh $(B)/host/bench_mm
	@bash bench/reclaim.sh
else
bench:
	@echo "make bench: the bench boot mode is not built in with BENCH=0"; exit 1
endif

# The host half of `make bench`: the allocators test_slub links, built -O2 and
# without sanitizers, so that callgrind counts the code itself.
$(B)/host/bench_mm: bench/host/bench_mm.c bench/bench_cases.h $(HOST_SLUB_SRCS) \
		$(wildcard include/linux/*.h tests/host/include/asm/*.h)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(filter-out -O1 -fsanitize=% -fno-sanitize-recover=%,$(HOSTCFLAGS)) -O2 \
		-o $@ bench/host/bench_mm.c $(HOST_SLUB_SRCS)

# zram on the host (bench/zram-host.sh): the same zram, zsmalloc and
# allocators test_zram links, -O2 without sanitizers, for callgrind (ASan and
# valgrind do not mix): make zram-bench-host prints instructions per page.
$(B)/host/bench_zram: bench/host/bench_zram.c lib/prandom.c $(HOST_ZRAM_SRCS) \
		$(wildcard include/linux/*.h tests/host/include/asm/*.h mm/zram_internal.h)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(filter-out -O1 -fsanitize=% -fno-sanitize-recover=%,$(HOSTCFLAGS)) -O2 \
		-o $@ bench/host/bench_zram.c lib/prandom.c $(HOST_ZRAM_SRCS) $(HOST_ZRAM_LIBS)
$(B)/host/bench_zram: | deps

.PHONY: zram-bench-host
zram-bench-host: $(B)/host/bench_zram
	@bash bench/zram-host.sh $(B)/host/bench_zram
