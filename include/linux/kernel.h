/* Everyday helpers: alignment, min/max, container_of, BUG/WARN, pr_*(). */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define is_power_of_2(n)	((n) != 0 && (((n) & ((n) - 1)) == 0))

#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define SZ_1K	0x400UL
#define SZ_4K	0x1000UL
#define SZ_64K	0x10000UL
#define SZ_1M	0x100000UL
#define SZ_2M	0x200000UL
#define SZ_1G	0x40000000UL

/*
 * panic() is for the kernel's own broken invariants only; it prints why and
 * stops. Bad input from users or firmware gets an error, not a panic.
 */
__noreturn __printf(1, 2) void panic(const char *fmt, ...);

#define BUG() panic("BUG at %s:%d in %s()", __FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) \
	panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); } while (0)
#define WARN_ON(cond) ({						\
	bool __w = !!(cond);						\
	if (unlikely(__w))						\
		printk("WARNING: %s at %s:%d\n", #cond, __FILE__, __LINE__);	\
	__w;								\
})

/*
 * "64M", "1G", "0x4000000", "4096": a number (strtoul, base 0) times the
 * K/M/G/T/P/E suffix after it, if any; *@retptr, if not NULL, is set past
 * what was read (Linux: memparse in lib/cmdline.c).
 */
unsigned long long memparse(const char *ptr, char **retptr);

#endif
