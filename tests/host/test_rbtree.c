/*
 * The host-only suite "rbtree_host", next to the shared suite "rbtree"
 * (lib/rbtree_test.c, which also runs in the kernel), in
 * build/host/test_rbtree. No machine is needed: the tree is plain memory.
 *
 * Why its case runs on the host only:
 *   test_random_long  200000 random inserts and erases with the whole tree
 *                     checked after each (about 10^10 instructions: too long
 *                     for a boot; rbtree's test_random walks 20000), from
 *                     the seed in RBTREE_SEED if set, to hunt with others
 */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/selftest.h>
#include "../../lib/rbtree_test.h"
#include "host_shim.h"

int selftest_host_init(void)
{
	return 0;
}

static void test_random_long(struct kunit *test)
{
	const char *env = getenv("RBTREE_SEED"), *reason;
	unsigned int seed = env ? (unsigned int)atoi(env) : 20261203;
	int max_black, bad = rbtree_random_run(seed, 200000, &max_black, &reason);

	KUNIT_EXPECT_EQ_MSG(test, bad, -1, "seed %u: first broken at that step: %s", seed, reason);
	kunit_note(test, "seed %u, max black height %d", seed, max_black);
}

static struct kunit_case rbtree_host_cases[] = {
	KUNIT_CASE(test_random_long),
	{ NULL, NULL },
};

static struct kunit_suite rbtree_host_suite = { .name = "rbtree_host", .cases = rbtree_host_cases };
selftest_suite(rbtree_host_suite);
