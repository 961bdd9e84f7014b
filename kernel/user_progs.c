/*
 * Finding the user programs embedded in the image (include/linux/user_progs.h).
 * Linux would look the name up in a file system; here the "file system" is
 * the .user_progs table user/user.mk generates.
 */
#include <linux/printk.h>
#include <linux/shell.h>
#include <linux/user_progs.h>
#include <libc/string.h>

const struct user_prog *find_user_prog(const char *name)
{
	const struct user_prog *p;

	for_each_user_prog(p)
		if (!strcmp(p->name, name))
			return p;
	return NULL;
}

static int cmd_progs(int argc, char **argv)
{
	const struct user_prog *p;

	for_each_user_prog(p)
		printk("%-12s %7lu bytes at %p\n", p->name, p->size, p->start);
	return 0;
}
shell_command("progs", "progs", "list the user programs embedded in the kernel image", cmd_progs);
