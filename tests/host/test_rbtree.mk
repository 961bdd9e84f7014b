# lib/rbtree.c: random inserts and erases checked against a sorted array and
# the red-black rules after every step (RBTREE_SEED=N for another seed).
HOST_TESTS += test_rbtree
test_rbtree_SRCS := lib/rbtree.c
