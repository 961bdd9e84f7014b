# lru-replay's trace reader and table (tests/host/lru_replay.c, included by
# the test) and Belady's OPT, under ASan/UBSan.
include tests/host/lru_srcs.inc
HOST_TESTS += test_lru_replay
test_lru_replay_SRCS := lib/prandom.c $(LRU_HOST_SRCS) tests/host/host_shim.c
test_lru_replay_DEPS := $(LRU_HOST_DEPS) tests/host/lru_replay.c
