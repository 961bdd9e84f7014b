# lru-replay: replay a page-reference trace (one page number per line)
# through the kernel's LRU policies and Belady's OPT. A tool, not a test:
#   make build/host/lru-replay && build/host/lru-replay -m 100,200 TRACE
# Built without sanitizers and with -O2 (traces can be long); the same
# sources run under ASan/UBSan in test_lru and test_lru_replay.
include tests/host/lru_srcs.inc
LRU_REPLAY_CFLAGS := $(filter-out -fsanitize=% -fno-sanitize-recover=% -O1,$(HOSTCFLAGS)) -O2 \
	-include linux/compiler.h
$(B)/host/lru-replay: tests/host/lru_replay.c $(LRU_HOST_SRCS) $(LRU_HOST_DEPS)
	@mkdir -p $(B)/host
	@echo "  HOSTCC  $@"
	@$(HOSTCC) $(LRU_REPLAY_CFLAGS) -o $@ tests/host/lru_replay.c $(LRU_HOST_SRCS)
.PHONY: lru-replay
lru-replay: $(B)/host/lru-replay
