# lru-replay's trace reader and table (tools/mm/lru_trace.c) and Belady's
# OPT (tools/mm/lru_opt.c), under ASan/UBSan: the host-only suite
# lru_replay_host (tests/host/test_lru_replay.c).
include tools/mm/lru_srcs.inc
HOST_TESTS += test_lru_replay
test_lru_replay_SRCS := $(HOST_KUNIT_SRCS) lib/prandom.c tools/mm/lru_trace.c $(LRU_HOST_SRCS) tests/host/host_shim.c
test_lru_replay_DEPS := $(LRU_HOST_DEPS) tools/mm/lru_trace.h
