/*
 * vsnprintf(): the formatting core behind printk() and snprintf().
 *
 * It follows C99's snprintf for the conversions the kernel uses
 * (%d %i %u %x %X %o %c %s %p %%, length modifiers hh h l ll z t j, flags
 * '-' '0' '+' ' ' '#', width and precision, '*' for either), so the host test
 * can hold it against glibc case by case. Two deliberate differences, both as
 * Linux's lib/vsprintf.c does them:
 *   - %s of NULL prints "(null)", cut by the precision like any string;
 *   - %p prints 0x and all 16 hex digits of the raw pointer. Linux hashes
 *     %p to hide kernel addresses; a teaching kernel wants to show them.
 * There is no floating point (the kernel is built -mgeneral-regs-only) and no
 * %n (writing through a format argument is an attack primitive, not a feature).
 */

/*
 * The host test links this file into an ordinary program next to glibc, to
 * compare our output with glibc's for the same format. Renaming our functions
 * keeps the two from colliding, and leaves glibc's snprintf usable as the
 * reference.
 */
#ifdef HOST_TEST
#define vsnprintf kvsnprintf
#define snprintf ksnprintf
#endif

/*
 * compiler.h first: on the host, glibc's <sys/cdefs.h> (pulled in by
 * <stdint.h>) also defines __always_inline, and a redefinition is only
 * tolerated when it happens inside a system header.
 */
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/printk.h>

/* Flag bits parsed from a conversion specification. */
#define F_LEFT	0x01	/* '-': pad on the right */
#define F_ZERO	0x02	/* '0': pad with zeros after the sign/prefix */
#define F_PLUS	0x04	/* '+': always print a sign for signed conversions */
#define F_SPACE	0x08	/* ' ': a space where a '+' would go */
#define F_ALT	0x10	/* '#': 0 prefix for %o, 0x/0X for %x/%X */

/* Length modifiers, i.e. which type va_arg has to fetch. */
enum len { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_PTRDIFF, L_INTMAX };

/*
 * Where output goes. Every character is counted even after the buffer is
 * full, because the return value is the length the whole output would have
 * had (C99), which lets a caller size a buffer and try again.
 */
struct sink {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct sink *s, char c)
{
	/* Keep the last byte for the terminating NUL. */
	if (s->pos + 1 < s->size)
		s->buf[s->pos] = c;
	s->pos++;
}

static void put_n(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

/* One parsed conversion: flags, width, precision (-1 when not given). */
struct spec {
	unsigned int flags;
	int width;
	int prec;
};

/*
 * Print a string of known length inside its field: padding on the left
 * unless '-' asked for it on the right. Used by %s, %c and %p.
 */
static void put_field(struct sink *s, const struct spec *sp, const char *str, int len)
{
	int pad = sp->width > len ? sp->width - len : 0;

	if (!(sp->flags & F_LEFT))
		put_n(s, ' ', pad);
	while (len-- > 0)
		put(s, *str++);
	if (sp->flags & F_LEFT)
		put_n(s, ' ', pad);
}

/*
 * Print an integer already split into sign and magnitude. The layout of the
 * field is, left to right:
 *   [spaces] [sign or 0x] [zeros from precision or '0' flag] digits [spaces]
 * which is what C99 7.19.6.1 asks for (and what Linux's number() builds).
 */
static void put_number(struct sink *s, const struct spec *sp, unsigned long long v,
		       bool negative, bool is_signed, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];		/* 22 octal digits hold a u64 */
	char prefix[2];
	int ndig = 0, nprefix = 0, zeros, len, pad;
	unsigned int flags = sp->flags;
	bool nonzero = v != 0;

	/* Digits come out least significant first; they are printed backwards. */
	if (base == 10) {
		while (v) {
			tmp[ndig++] = digits[v % 10];
			v /= 10;
		}
	} else {
		unsigned int shift = base == 16 ? 4 : 3;

		while (v) {
			tmp[ndig++] = digits[v & (base - 1)];
			v >>= shift;
		}
	}
	/* Zero prints as "0", except that an explicit precision of 0 prints nothing. */
	if (!nonzero && sp->prec != 0)
		tmp[ndig++] = '0';

	zeros = sp->prec > ndig ? sp->prec - ndig : 0;

	if (is_signed) {
		if (negative)
			prefix[nprefix++] = '-';
		else if (flags & F_PLUS)
			prefix[nprefix++] = '+';
		else if (flags & F_SPACE)
			prefix[nprefix++] = ' ';
	}
	if (flags & F_ALT) {
		/* '#' with %o: make sure the first digit printed is a 0. */
		if (base == 8 && zeros == 0 && (ndig == 0 || tmp[ndig - 1] != '0'))
			zeros = 1;
		/* '#' with %x: 0x prefix, but only in front of a non-zero value. */
		if (base == 16 && nonzero) {
			prefix[nprefix++] = '0';
			prefix[nprefix++] = upper ? 'X' : 'x';
		}
	}

	len = nprefix + zeros + ndig;
	pad = sp->width > len ? sp->width - len : 0;

	/* '0' is ignored with '-' or with a precision (C99 7.19.6.1p6). */
	if ((flags & F_ZERO) && !(flags & F_LEFT) && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(flags & F_LEFT))
		put_n(s, ' ', pad);
	for (int i = 0; i < nprefix; i++)
		put(s, prefix[i]);
	put_n(s, '0', zeros);
	while (ndig > 0)
		put(s, tmp[--ndig]);
	if (flags & F_LEFT)
		put_n(s, ' ', pad);
}

/* Parse a decimal run for a width or precision, saturating instead of overflowing. */
static int parse_int(const char **fmtp)
{
	const char *p = *fmtp;
	int n = 0;

	while (*p >= '0' && *p <= '9') {
		if (n <= (__INT_MAX__ - 9) / 10)
			n = n * 10 + (*p - '0');
		else
			n = __INT_MAX__;
		p++;
	}
	*fmtp = p;
	return n;
}

/* Fetch a signed argument of the given length, widened to long long. */
static long long get_signed(va_list *ap, enum len len)
{
	switch (len) {
	case L_CHAR:	return (signed char)va_arg(*ap, int);
	case L_SHORT:	return (short)va_arg(*ap, int);
	case L_LONG:	return va_arg(*ap, long);
	case L_LLONG:	return va_arg(*ap, long long);
	case L_SIZE:	return (long long)va_arg(*ap, size_t);	/* ssize_t has size_t's width */
	case L_PTRDIFF:	return va_arg(*ap, ptrdiff_t);
	case L_INTMAX:	return va_arg(*ap, intmax_t);
	default:	return va_arg(*ap, int);
	}
}

/* Fetch an unsigned argument of the given length, widened to unsigned long long. */
static unsigned long long get_unsigned(va_list *ap, enum len len)
{
	switch (len) {
	case L_CHAR:	return (unsigned char)va_arg(*ap, unsigned int);
	case L_SHORT:	return (unsigned short)va_arg(*ap, unsigned int);
	case L_LONG:	return va_arg(*ap, unsigned long);
	case L_LLONG:	return va_arg(*ap, unsigned long long);
	case L_SIZE:	return va_arg(*ap, size_t);
	case L_PTRDIFF:	return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case L_INTMAX:	return va_arg(*ap, uintmax_t);
	default:	return va_arg(*ap, unsigned int);
	}
}

/*
 * Format fmt with the arguments in ap into buf, writing at most size bytes
 * including the terminating NUL (always written when size > 0). Returns the
 * number of characters the complete output has, not counting the NUL, even
 * when it did not fit. Mirrors C99 vsnprintf and Linux's lib/vsprintf.c.
 * Does not allocate, lock or sleep: safe from any context.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size, .pos = 0 };
	va_list args;

	/* Work on a copy so helpers can take a pointer to it (va_list may be an array type). */
	va_copy(args, ap);

	while (*fmt) {
		const char *start = fmt;
		struct spec sp = { .flags = 0, .width = 0, .prec = -1 };
		enum len len = L_INT;

		if (*fmt != '%') {
			put(&s, *fmt++);
			continue;
		}
		fmt++;

		/* Flags, in any order. */
		for (;; fmt++) {
			if (*fmt == '-')
				sp.flags |= F_LEFT;
			else if (*fmt == '0')
				sp.flags |= F_ZERO;
			else if (*fmt == '+')
				sp.flags |= F_PLUS;
			else if (*fmt == ' ')
				sp.flags |= F_SPACE;
			else if (*fmt == '#')
				sp.flags |= F_ALT;
			else
				break;
		}

		/* Width: digits, or '*' taking an int; a negative one means '-'. */
		if (*fmt == '*') {
			int w = va_arg(args, int);

			fmt++;
			if (w < 0) {
				sp.flags |= F_LEFT;
				w = w == -__INT_MAX__ - 1 ? __INT_MAX__ : -w;
			}
			sp.width = w;
		} else {
			sp.width = parse_int(&fmt);
		}

		/* Precision: '.' then digits or '*'; a bare '.' means 0, a negative '*' means none. */
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				int p = va_arg(args, int);

				fmt++;
				sp.prec = p < 0 ? -1 : p;
			} else {
				sp.prec = parse_int(&fmt);
			}
		}

		switch (*fmt) {
		case 'h':
			fmt++;
			len = L_SHORT;
			if (*fmt == 'h') {
				fmt++;
				len = L_CHAR;
			}
			break;
		case 'l':
			fmt++;
			len = L_LONG;
			if (*fmt == 'l') {
				fmt++;
				len = L_LLONG;
			}
			break;
		case 'z':
			fmt++;
			len = L_SIZE;
			break;
		case 't':
			fmt++;
			len = L_PTRDIFF;
			break;
		case 'j':
			fmt++;
			len = L_INTMAX;
			break;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = get_signed(&args, len);
			/* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
			unsigned long long mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;

			put_number(&s, &sp, mag, v < 0, true, 10, false);
			break;
		}
		case 'u':
			put_number(&s, &sp, get_unsigned(&args, len), false, false, 10, false);
			break;
		case 'x':
			put_number(&s, &sp, get_unsigned(&args, len), false, false, 16, false);
			break;
		case 'X':
			put_number(&s, &sp, get_unsigned(&args, len), false, false, 16, true);
			break;
		case 'o':
			put_number(&s, &sp, get_unsigned(&args, len), false, false, 8, false);
			break;
		case 'c': {
			char c = (char)va_arg(args, int);

			put_field(&s, &sp, &c, 1);
			break;
		}
		case 's': {
			const char *str = va_arg(args, const char *);
			int n = 0;

			if (!str)
				str = "(null)";
			/* With a precision, never look past it: the array may lack a NUL. */
			while ((sp.prec < 0 || n < sp.prec) && str[n])
				n++;
			put_field(&s, &sp, str, n);
			break;
		}
		case 'p': {
			uintptr_t v = (uintptr_t)va_arg(args, void *);
			char tmp[2 + 2 * sizeof(v)];
			int i = sizeof(tmp);

			while (i > 2) {
				tmp[--i] = "0123456789abcdef"[v & 15];
				v >>= 4;
			}
			tmp[0] = '0';
			tmp[1] = 'x';
			put_field(&s, &sp, tmp, sizeof(tmp));
			break;
		}
		case '%':
			put(&s, '%');
			break;
		default:
			/*
			 * Unknown conversion (or the string ended inside one):
			 * print the specification as written so the mistake shows
			 * in the log, and consume no argument.
			 */
			while (start < fmt)
				put(&s, *start++);
			if (!*fmt)
				continue;
			put(&s, *fmt);
			break;
		}
		fmt++;
	}
	va_end(args);

	if (size > 0)
		buf[s.pos < size ? s.pos : size - 1] = '\0';
	/* The int return cannot say more than INT_MAX; C leaves that case to EOVERFLOW. */
	return s.pos > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)s.pos;
}

/* snprintf(): vsnprintf() with the arguments inline. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
