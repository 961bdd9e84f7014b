/*
 * The C string and memory functions: for the kernel itself, for libfdt and
 * liblz4 (linked in from Debian), and for the calls GCC emits on its own for
 * struct copies and initialisers. Semantics are C's; Linux's lib/string.c
 * keeps the same portable versions behind its arch-optimised ones.
 *
 * memcpy/memmove/memset move 8 bytes per access in their main loops, four
 * words per iteration (which GCC pairs into ldp/stp), with byte accesses
 * only at the ragged edges. They matter: liblz4 clears a 16 KiB state for
 * each page it compresses, and page copies and zeroing all come through here.
 * Only general registers are used (the kernel is built -mgeneral-regs-only).
 *
 * This file is compiled with -fno-tree-loop-distribute-patterns (see the
 * Makefile): otherwise GCC recognises the byte loops below as "a memset" or
 * "a memcpy" and replaces them with a call to memset/memcpy, i.e. to
 * themselves, which recurses forever.
 *
 * Unaligned 8-byte loads are used when source and destination are not
 * mutually aligned. That is legal on Normal memory with the MMU on, which is
 * where all kernel code runs; the boot code that runs with the MMU off
 * (Device memory, where unaligned accesses fault) must not call these.
 */

/*
 * The host test links this file into a program next to glibc and compares
 * the two. Renaming ours keeps both available (and keeps ASan's interceptors
 * of the real names from standing in for the code under test).
 */
#ifdef HOST_TEST
#define memcpy kmemcpy
#define memmove kmemmove
#define memset kmemset
#define memcmp kmemcmp
#define memchr kmemchr
#define strlen kstrlen
#define strnlen kstrnlen
#define strcmp kstrcmp
#define strncmp kstrncmp
#define strchr kstrchr
#define strrchr kstrrchr
#define strstr kstrstr
#define strncpy kstrncpy
#define strlcpy kstrlcpy
#endif

#include <linux/types.h>
#include <libc/string.h>

/*
 * A word that may alias anything (so the compiler cannot assume a u64 store
 * leaves a caller's char or struct untouched: -fstrict-aliasing) and one that
 * may also sit at any address. Linux's get_unaligned() uses the same trick.
 */
typedef u64 __attribute__((may_alias)) word_t;
typedef u64 __attribute__((may_alias, aligned(1))) uword_t;

#define WSIZE	sizeof(word_t)
#define WMASK	(WSIZE - 1)
#define BLOCK	(4 * WSIZE)

/*
 * Copy n bytes upwards (lowest address first). Safe for overlap when
 * dst <= src, because every load of a block is done before its stores and
 * each store lands below everything still to be read.
 */
static inline void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	/* Bytes until the destination is word-aligned; stores are then aligned. */
	while (n && ((uintptr_t)d & WMASK)) {
		*d++ = *s++;
		n--;
	}

	if (((uintptr_t)s & WMASK) == 0) {
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;

		for (; n >= BLOCK; n -= BLOCK, dw += 4, sw += 4) {
			word_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];

			dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
		}
		for (; n >= WSIZE; n -= WSIZE)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	} else {
		/* Mutually misaligned: aligned stores, unaligned loads. */
		word_t *dw = (word_t *)d;
		const uword_t *sw = (const uword_t *)s;

		for (; n >= BLOCK; n -= BLOCK, dw += 4, sw += 4) {
			word_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];

			dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
		}
		for (; n >= WSIZE; n -= WSIZE)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}

	while (n--)
		*d++ = *s++;
}

/*
 * Copy n bytes downwards (highest address first): the mirror image of
 * copy_forward(), safe for overlap when dst > src. d and s point one past
 * the end of each area.
 */
static inline void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	while (n && ((uintptr_t)d & WMASK)) {
		*--d = *--s;
		n--;
	}

	if (((uintptr_t)s & WMASK) == 0) {
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;

		for (; n >= BLOCK; n -= BLOCK) {
			word_t a, b, c, e;

			dw -= 4;
			sw -= 4;
			a = sw[0]; b = sw[1]; c = sw[2]; e = sw[3];
			dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
		}
		for (; n >= WSIZE; n -= WSIZE)
			*--dw = *--sw;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	} else {
		word_t *dw = (word_t *)d;
		const uword_t *sw = (const uword_t *)s;

		for (; n >= BLOCK; n -= BLOCK) {
			word_t a, b, c, e;

			dw -= 4;
			sw -= 4;
			a = sw[0]; b = sw[1]; c = sw[2]; e = sw[3];
			dw[0] = a; dw[1] = b; dw[2] = c; dw[3] = e;
		}
		for (; n >= WSIZE; n -= WSIZE)
			*--dw = *--sw;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}

	while (n--)
		*--d = *--s;
}

/* Copy n bytes; the areas must not overlap (use memmove() when they might). */
void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

/* Copy n bytes between areas that may overlap, choosing the safe direction. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	/*
	 * d - s, as an unsigned number, is >= n exactly when d is below s
	 * (it wraps round) or at/after the end of the source: then copying
	 * upwards never overwrites a byte before it has been read.
	 */
	if ((uintptr_t)d - (uintptr_t)s >= n)
		copy_forward(d, s, n);
	else
		copy_backward(d + n, s + n, n);
	return dst;
}

/* Fill n bytes with the byte c. */
void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	unsigned char byte = (unsigned char)c;
	/* The byte copied into all eight lanes of a word. */
	word_t w = (u64)byte * 0x0101010101010101ULL;

	while (n && ((uintptr_t)d & WMASK)) {
		*d++ = byte;
		n--;
	}

	word_t *dw = (word_t *)d;

	for (; n >= BLOCK; n -= BLOCK, dw += 4) {
		dw[0] = w; dw[1] = w; dw[2] = w; dw[3] = w;
	}
	for (; n >= WSIZE; n -= WSIZE)
		*dw++ = w;

	d = (unsigned char *)dw;
	while (n--)
		*d++ = byte;
	return dst;
}

/*
 * Compare n bytes as unsigned char; <0, 0 or >0 like C's memcmp. Equal words
 * are skipped eight bytes at a time when both sides are aligned the same way.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	if ((((uintptr_t)p ^ (uintptr_t)q) & WMASK) == 0) {
		while (n && ((uintptr_t)p & WMASK)) {
			if (*p != *q)
				return *p - *q;
			p++, q++, n--;
		}
		/* Skip whole equal words; the byte loop finds the first difference. */
		while (n >= WSIZE && *(const word_t *)p == *(const word_t *)q) {
			p += WSIZE;
			q += WSIZE;
			n -= WSIZE;
		}
	}
	for (; n; p++, q++, n--)
		if (*p != *q)
			return *p - *q;
	return 0;
}

/* First occurrence of the byte c in the n bytes at s, or NULL. */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; p++, n--)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/*
 * The str* functions go a byte at a time: reading a word could cross past
 * the terminating NUL into an unmapped page (or a red zone under ASan), and
 * none of them is hot in this kernel.
 */

/* Length of s, not counting its NUL. */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* Length of s, but look at no more than max bytes (s may lack a NUL). */
size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/* Compare two strings as unsigned char; <0, 0 or >0. */
int strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && *p == *q)
		p++, q++;
	return *p - *q;
}

/* Compare at most n characters of two strings. */
int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; p++, q++, n--) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			break;
	}
	return 0;
}

/* First c in s, or NULL; searching for '\0' finds the terminator, as in C. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* Last c in s, or NULL; '\0' finds the terminator. */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* First occurrence of needle in haystack (the naive search is fine for log lines). */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return n == 0 ? (char *)haystack : NULL;
}

/*
 * Copy at most n bytes of src and pad the rest of dst with NULs. As in C,
 * dst is NOT NUL-terminated when src is n bytes or longer; prefer strlcpy().
 */
char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

/*
 * Copy src into dst of size bytes, always NUL-terminated when size > 0,
 * truncating if needed. Returns strlen(src), so truncation is
 * "return value >= size" (BSD's strlcpy, which Linux also provides).
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
