/*
 * Host unit test of lib/rbtree.c under ASan/UBSan: random inserts and
 * erases of integer keys, and after each one the tree is checked against a
 * sorted array (the same keys, in order, via rb_first/rb_next) and against
 * the red-black rules: root black, no red node with a red child, the same
 * number of black nodes on every path to a leaf, parent pointers right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/rbtree.h>
#include "tap.h"

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

static void run(unsigned int seed, int steps, const char *what)
{
	int bad_step = -1, height = 0, max_black = 0, in = 0;
	unsigned int s = seed;

	memset(items, 0, sizeof(items));
	root = RB_ROOT;
	nr_sorted = 0;
	for (int i = 0; i < N_ITEMS; i++)
		items[i].key = i * 7 % N_ITEMS;	/* distinct keys, not in index order */
	for (int step = 0; step < steps && bad_step < 0; step++) {
		struct item *it = &items[rand_r(&s) % N_ITEMS];

		/* Mostly inserts until half full, then a random walk around it. */
		if (!it->in_tree && (in < N_ITEMS / 2 || rand_r(&s) % 2)) {
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
		max_black = max(max_black, height);
	}
	ok(bad_step < 0, "%s: %d steps, every invariant after each (seed %u; max black height %d)%s%s",
	   what, steps, seed, max_black, bad_step < 0 ? "" : ": ", why);
	if (bad_step >= 0)
		printf("# first broken at step %d\n", bad_step);
}

int main(void)
{
	unsigned int seed = getenv("RBTREE_SEED") ? (unsigned int)atoi(getenv("RBTREE_SEED")) : 20261203;
	int height;

	root = RB_ROOT;
	nr_sorted = 0;
	ok(check_tree(&height) && rb_first(&root) == NULL, "an empty tree is valid and has no first node");

	/* Ascending then descending inserts: the cases a plain BST degenerates on. */
	memset(items, 0, sizeof(items));
	for (int i = 0; i < 1024; i++) {
		items[i].key = i;
		insert(&items[i]);
		sorted_add(i);
	}
	ok(check_tree(&height), "1024 ascending inserts: valid %s", why);
	ok(height <= 11, "... black height %d (at most log2(1025) + 1)", height);
	for (int i = 0; i < 1024; i += 2) {
		rb_erase(&items[i].rb, &root);
		sorted_del(i);
	}
	ok(check_tree(&height), "erase every other: valid %s", why);
	for (int i = 1; i < 1024; i += 2) {
		rb_erase(&items[i].rb, &root);
		sorted_del(i);
	}
	ok(check_tree(&height) && root.rb_node == NULL, "erase the rest: empty %s", why);

	run(seed, 200000, "random inserts and erases");
	run(seed + 1, 20000, "another seed");
	return done_testing();
}
