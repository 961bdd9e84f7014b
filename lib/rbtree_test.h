/*
 * What lib/rbtree_test.c lends tests/host/test_rbtree.c, whose host-only
 * suite rbtree_host runs the same random walk ten times longer (static in
 * the kernel: VISIBLE_IF_KUNIT, include/linux/compiler.h).
 */
#ifndef _LIB_RBTREE_TEST_H
#define _LIB_RBTREE_TEST_H

#ifdef HOST_TEST
/*
 * @steps random inserts and erases of 2000 keys from @seed, the tree
 * checked after each; returns the first step that broke a rule (why says
 * which) or -1, and the largest black height seen in *max_black.
 */
int rbtree_random_run(unsigned int seed, int steps, int *max_black, const char **why);
#endif

#endif
