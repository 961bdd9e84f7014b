# lib/rbtree.c: inserts and erases checked against a sorted array and the
# red-black rules after every step: the suites rbtree (lib/rbtree_test.c,
# which also runs in QEMU) and rbtree_host, a 10x longer random walk
# (RBTREE_SEED=N for another seed).
HOST_TESTS += test_rbtree
test_rbtree_SRCS := lib/rbtree_test.c $(HOST_KUNIT_SRCS) lib/rbtree.c lib/prandom.c
