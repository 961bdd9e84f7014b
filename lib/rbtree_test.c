/*
 * Self-test suite "rbtree": lib/rbtree.c, run in both places
 * (include/linux/selftest.h): in the kernel (`make qemu-test
 * BOOTARGS=selftest=rbtree`) and on the host under ASan/UBSan
 * (build/host/test_rbtree, with the longer walk of rbtree_host). Inserts
 * and erases of integer keys; after each one the tree is checked against a
 * sorted array (the same keys, in order, via rb_first/rb_next) and against
 * the red-black rules: root black, no red node with a red child, the same
 * number of black nodes on every path to a leaf, parent pointers right.
 * Linux checks the same rules in lib/rbtree_test.c.
 */
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/selftest.h>
#include <string.h>
#include "rbtree_test.h"

struct item {
	struct rb_node rb;
	long key;
	bool in_tree;
};

#define N_ITEMS	2000

static struct item items[N_ITEMS];
static struct rb_root root;
static long sorted[N_ITEMS];		/* the keys in the tree, ascending */
static int nr_sorted;
static char why[200];

static void reset(void)
{
	memset(items, 0, sizeof(items));
	root = RB_ROOT;
	nr_sorted = 0;
}

static void insert(struct item *it)
{
	struct rb_node **link = &root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, rb)->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	rb_insert_color(&it->rb, &root);
	it->in_tree = true;
}

/* Black height of the subtree at n, or -1 (with why[] filled) if a rule is broken. */
static int check_node(const struct rb_node *n, const struct rb_node *parent, int *count)
{
	int l, r;

	if (!n)
		return 1;
	(*count)++;
	if (n->rb_parent != parent) {
		snprintf(why, sizeof(why), "key %ld: wrong parent pointer", rb_entry(n, struct item, rb)->key);
		return -1;
	}
	if (n->rb_red && ((n->rb_left && n->rb_left->rb_red) || (n->rb_right && n->rb_right->rb_red))) {
		snprintf(why, sizeof(why), "key %ld: red node with a red child", rb_entry(n, struct item, rb)->key);
		return -1;
	}
	l = check_node(n->rb_left, n, count);
	r = check_node(n->rb_right, n, count);
	if (l < 0 || r < 0)
		return -1;
	if (l != r) {
		snprintf(why, sizeof(why), "key %ld: black heights %d left, %d right",
			 rb_entry(n, struct item, rb)->key, l, r);
		return -1;
	}
	return l + !n->rb_red;
}

static bool check_tree(int *height)
{
	int count = 0, i = 0;
	const struct rb_node *n;

	why[0] = 0;
	if (root.rb_node && root.rb_node->rb_red) {
		snprintf(why, sizeof(why), "red root");
		return false;
	}
	*height = check_node(root.rb_node, NULL, &count);
	if (*height < 0)
		return false;
	if (count != nr_sorted) {
		snprintf(why, sizeof(why), "%d nodes, %d keys", count, nr_sorted);
		return false;
	}
	for (n = rb_first(&root); n; n = rb_next(n), i++) {
		if (i >= nr_sorted || rb_entry(n, struct item, rb)->key != sorted[i]) {
			snprintf(why, sizeof(why), "in-order walk: position %d differs from the sorted array", i);
			return false;
		}
	}
	return true;
}

static void sorted_add(long key)
{
	int i = nr_sorted;

	while (i > 0 && sorted[i - 1] > key) {
		sorted[i] = sorted[i - 1];
		i--;
	}
	sorted[i] = key;
	nr_sorted++;
}

static void sorted_del(long key)
{
	int i = 0;

	while (sorted[i] != key)
		i++;
	memmove(&sorted[i], &sorted[i + 1], (nr_sorted - i - 1) * sizeof(long));
	nr_sorted--;
}

VISIBLE_IF_KUNIT int rbtree_random_run(unsigned int seed, int steps, int *max_black, const char **whyp)
{
	struct rnd_state rnd;
	int bad_step = -1, height = 0, in = 0;

	prandom_seed_state(&rnd, seed);
	reset();
	*max_black = 0;
	for (int i = 0; i < N_ITEMS; i++)
		items[i].key = i * 7 % N_ITEMS;	/* distinct keys, not in index order */
	for (int step = 0; step < steps && bad_step < 0; step++) {
		struct item *it = &items[prandom_u32_state(&rnd) % N_ITEMS];

		/* Mostly inserts until half full, then a random walk around it. */
		if (!it->in_tree && (in < N_ITEMS / 2 || prandom_u32_state(&rnd) % 2)) {
			insert(it);
			sorted_add(it->key);
			in++;
		} else if (it->in_tree) {
			rb_erase(&it->rb, &root);
			it->in_tree = false;
			sorted_del(it->key);
			in--;
		}
		if (!check_tree(&height))
			bad_step = step;
		*max_black = max(*max_black, height);
	}
	*whyp = why;
	return bad_step;
}

static void test_empty(struct kunit *test)
{
	int height;

	reset();
	KUNIT_EXPECT_TRUE_MSG(test, check_tree(&height), "%s", why);
	KUNIT_EXPECT_TRUE(test, rb_first(&root) == NULL);
}

/* Ascending inserts, the case a plain binary search tree degenerates on, then erases. */
static void test_ascending(struct kunit *test)
{
	int height;

	reset();
	for (int i = 0; i < 1024; i++) {
		items[i].key = i;
		insert(&items[i]);
		sorted_add(i);
	}
	KUNIT_EXPECT_TRUE_MSG(test, check_tree(&height), "1024 ascending inserts: %s", why);
	KUNIT_EXPECT_LE(test, height, 11);	/* at most log2(1025) + 1 */
	for (int i = 0; i < 1024; i += 2) {
		rb_erase(&items[i].rb, &root);
		sorted_del(i);
	}
	KUNIT_EXPECT_TRUE_MSG(test, check_tree(&height), "erase every other: %s", why);
	for (int i = 1; i < 1024; i += 2) {
		rb_erase(&items[i].rb, &root);
		sorted_del(i);
	}
	KUNIT_EXPECT_TRUE_MSG(test, check_tree(&height) && root.rb_node == NULL, "erase the rest: %s", why);
}

/* 20000 random inserts and erases, every invariant after each. */
static void test_random(struct kunit *test)
{
	int max_black;
	const char *reason;
	int bad = rbtree_random_run(20261204, 20000, &max_black, &reason);

	KUNIT_EXPECT_EQ_MSG(test, bad, -1, "first broken at that step: %s", reason);
	kunit_note(test, "max black height %d", max_black);
}

static struct kunit_case rbtree_cases[] = {
	KUNIT_CASE(test_empty),
	KUNIT_CASE(test_ascending),
	KUNIT_CASE(test_random),
	{ NULL, NULL },
};

static struct kunit_suite rbtree_suite = { .name = "rbtree", .cases = rbtree_cases };
selftest_suite(rbtree_suite);
