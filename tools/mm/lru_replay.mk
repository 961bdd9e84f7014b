# lru-replay: replay a page-reference trace (one page number per line)
# through the kernel's LRU policies and Belady's OPT. A tool, not a test
# (tools/README.md):
#   make lru-replay && build/tools/lru-replay -m 100,200 TRACE
# Built without sanitizers and with -O2 (traces can be long); the same
# sources run under ASan/UBSan in test_lru and test_lru_replay.
include tools/mm/lru_srcs.inc
LRU_REPLAY_SRCS := tools/mm/lru_replay.c tools/mm/lru_trace.c $(LRU_HOST_SRCS) tests/host/host_shim.c
LRU_REPLAY_CFLAGS := $(filter-out -fsanitize=% -fno-sanitize-recover=% -O1,$(HOSTCFLAGS)) -O2
$(B)/tools/lru-replay: $(LRU_REPLAY_SRCS) $(LRU_HOST_DEPS) tools/mm/lru_trace.h $(wildcard include/linux/*.h arch/arm64/include/asm/*.h tests/host/include/asm/*.h) | deps
	@mkdir -p $(B)/tools
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(LRU_REPLAY_CFLAGS) -o $@ $(LRU_REPLAY_SRCS)
.PHONY: lru-replay
lru-replay: $(B)/tools/lru-replay
