/*
 * Red-black trees (lib/rbtree.c; Linux: include/linux/rbtree.h, with the
 * same names). The tree is intrusive: a struct embeds a struct rb_node and
 * the user does the search, so the key and its comparison stay with the
 * user. Insertion is two steps, as in Linux:
 *
 *   walk down from root->rb_node comparing keys, remembering the parent
 *   and the child pointer (link) where the new node belongs; then
 *   rb_link_node(node, parent, link); rb_insert_color(node, root);
 *
 * Here the parent pointer and the colour are two plain fields (Linux packs
 * the colour into the parent pointer's low bit): easier to read in a
 * debugger, one word more per node.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/types.h>
#include <linux/kernel.h>

struct rb_node {
	struct rb_node *rb_parent;	/* NULL at the root */
	struct rb_node *rb_left, *rb_right;
	bool rb_red;			/* false: black */
};

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT		((struct rb_root){ NULL })
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)

/* Put node, uncoloured, at *link under parent (found by the caller's search). */
void rb_link_node(struct rb_node *node, struct rb_node *parent, struct rb_node **link);
/* Colour a just-linked node and rebalance so the red-black rules hold again. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Take node out of the tree and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);
/* In-order walk: the smallest node, and the one after node; NULL at the end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);

#endif
