/*
 * The user programs embedded in the kernel image (built from user/ by
 * user/user.mk). Each is a whole static ELF file in .rodata, 8-byte
 * aligned; the table of them lies between __start_user_progs and
 * __stop_user_progs (linker.ld), one entry per program, in build order.
 * There is no file system: spawn() finds a program here by name.
 */
#ifndef _LINUX_USER_PROGS_H
#define _LINUX_USER_PROGS_H

struct user_prog {
	const char *name;	/* "init", "hello", ... (the file user/NAME.c) */
	const void *start;	/* the ELF file's first byte (the ELF header) */
	unsigned long size;	/* its length in bytes */
};

extern const struct user_prog __start_user_progs[], __stop_user_progs[];

#define for_each_user_prog(p) \
	for ((p) = __start_user_progs; (p) < __stop_user_progs; (p)++)

/* The program called name, or NULL. name is a kernel pointer. */
const struct user_prog *find_user_prog(const char *name);

#endif
