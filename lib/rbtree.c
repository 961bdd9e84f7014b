/*
 * Red-black trees (include/linux/rbtree.h; Linux: lib/rbtree.c, whose code
 * this is not: it is the textbook algorithm -- Cormen et al., "Introduction
 * to Algorithms", ch. 13 -- written out with NULL for the black leaves).
 *
 * The rules, which keep the tree's height below 2 log2(n + 1):
 *   1. the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to a NULL leaf passes the same number
 *      of black nodes (its black height).
 * Insertion adds a red node (rule 3 holds) and repairs rule 2 upwards;
 * erasure may remove a black node from some paths and repairs rule 3
 * upwards. Both do at most three rotations; the rest is recolouring.
 */
#include <linux/rbtree.h>

static bool is_red(const struct rb_node *n)
{
	return n && n->rb_red;
}

/* Make new take old's place under old's parent (or as the root). */
static void replace_child(struct rb_root *root, struct rb_node *old, struct rb_node *new)
{
	struct rb_node *parent = old->rb_parent;

	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
	if (new)
		new->rb_parent = parent;
}

/*
 *      x                y
 *     / \              / \
 *    a   y     ->     x   c
 *       / \          / \
 *      b   c        a   b
 */
static void rotate_left(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->rb_right;

	x->rb_right = y->rb_left;
	if (y->rb_left)
		y->rb_left->rb_parent = x;
	replace_child(root, x, y);
	y->rb_left = x;
	x->rb_parent = y;
}

/* The mirror image of rotate_left. */
static void rotate_right(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->rb_left;

	x->rb_left = y->rb_right;
	if (y->rb_right)
		y->rb_right->rb_parent = x;
	replace_child(root, x, y);
	y->rb_right = x;
	x->rb_parent = y;
}

void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link)
{
	node->rb_parent = parent;
	node->rb_left = node->rb_right = NULL;
	node->rb_red = false;
	*link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *grand, *uncle;

	node->rb_red = true;
	/* Only rule 2 can be broken, and only between node and its parent. */
	while ((parent = node->rb_parent) && parent->rb_red) {
		grand = parent->rb_parent;	/* exists: a red parent is not the root */
		if (parent == grand->rb_left) {
			uncle = grand->rb_right;
			if (is_red(uncle)) {
				/* Push the grandparent's black down to both children; go on above. */
				parent->rb_red = uncle->rb_red = false;
				grand->rb_red = true;
				node = grand;
				continue;
			}
			if (node == parent->rb_right) {
				/* Inner grandchild: turn it into the outer one first. */
				rotate_left(root, parent);
				node = parent;
				parent = node->rb_parent;
			}
			/* Outer grandchild: rotate the grandparent down; parent becomes the black top. */
			parent->rb_red = false;
			grand->rb_red = true;
			rotate_right(root, grand);
		} else {
			uncle = grand->rb_left;
			if (is_red(uncle)) {
				parent->rb_red = uncle->rb_red = false;
				grand->rb_red = true;
				node = grand;
				continue;
			}
			if (node == parent->rb_left) {
				rotate_right(root, parent);
				node = parent;
				parent = node->rb_parent;
			}
			parent->rb_red = false;
			grand->rb_red = true;
			rotate_left(root, grand);
		}
	}
	root->rb_node->rb_red = false;		/* rule 1 */
}

/*
 * A black node was taken off every path through x's position (x may be NULL:
 * then parent says where it is): those paths are one black short. Move the
 * shortage up until a red node can absorb it, or fix it by rotations.
 */
static void erase_fixup(struct rb_root *root, struct rb_node *x, struct rb_node *parent)
{
	struct rb_node *sib;

	while (x != root->rb_node && !is_red(x)) {
		if (x == parent->rb_left) {
			sib = parent->rb_right;	/* exists: the other side has black height >= 1 */
			if (sib->rb_red) {
				/* Make the sibling black, so the cases below apply. */
				sib->rb_red = false;
				parent->rb_red = true;
				rotate_left(root, parent);
				sib = parent->rb_right;
			}
			if (!is_red(sib->rb_left) && !is_red(sib->rb_right)) {
				/* Take a black from the sibling's side too; the parent carries the shortage. */
				sib->rb_red = true;
				x = parent;
				parent = x->rb_parent;
				continue;
			}
			if (!is_red(sib->rb_right)) {
				/* Only the inner nephew is red: make it the outer one. */
				sib->rb_left->rb_red = false;
				sib->rb_red = true;
				rotate_right(root, sib);
				sib = parent->rb_right;
			}
			/* Outer nephew red: one rotation adds a black on x's side. Done. */
			sib->rb_red = parent->rb_red;
			parent->rb_red = false;
			sib->rb_right->rb_red = false;
			rotate_left(root, parent);
			x = root->rb_node;
			break;
		} else {
			sib = parent->rb_left;
			if (sib->rb_red) {
				sib->rb_red = false;
				parent->rb_red = true;
				rotate_right(root, parent);
				sib = parent->rb_left;
			}
			if (!is_red(sib->rb_left) && !is_red(sib->rb_right)) {
				sib->rb_red = true;
				x = parent;
				parent = x->rb_parent;
				continue;
			}
			if (!is_red(sib->rb_left)) {
				sib->rb_right->rb_red = false;
				sib->rb_red = true;
				rotate_left(root, sib);
				sib = parent->rb_left;
			}
			sib->rb_red = parent->rb_red;
			parent->rb_red = false;
			sib->rb_left->rb_red = false;
			rotate_right(root, parent);
			x = root->rb_node;
			break;
		}
	}
	if (x)
		x->rb_red = false;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *x, *x_parent;
	bool removed_red;

	if (!node->rb_left || !node->rb_right) {
		/* At most one child: it takes node's place. */
		x = node->rb_left ? node->rb_left : node->rb_right;
		x_parent = node->rb_parent;
		removed_red = node->rb_red;
		replace_child(root, node, x);
	} else {
		/* Two children: node's successor (leftmost on the right) moves into its place. */
		struct rb_node *succ = node->rb_right;

		while (succ->rb_left)
			succ = succ->rb_left;
		removed_red = succ->rb_red;	/* the colour that leaves succ's old position */
		x = succ->rb_right;
		if (succ->rb_parent == node) {
			x_parent = succ;
		} else {
			x_parent = succ->rb_parent;
			replace_child(root, succ, x);
			succ->rb_right = node->rb_right;
			succ->rb_right->rb_parent = succ;
		}
		replace_child(root, node, succ);
		succ->rb_left = node->rb_left;
		succ->rb_left->rb_parent = succ;
		succ->rb_red = node->rb_red;
	}
	if (!removed_red)
		erase_fixup(root, x, x_parent);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	/* Up until we come from a left child. */
	while (node->rb_parent && node == node->rb_parent->rb_right)
		node = node->rb_parent;
	return node->rb_parent;
}
