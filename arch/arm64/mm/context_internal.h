/*
 * arch/arm64/mm/context.c's internals its host test (tests/host/test_asid.c)
 * sets and calls: the asid_bits= limit and its parser. Static in the
 * kernel, visible in host builds (VISIBLE_IF_KUNIT, include/linux/compiler.h).
 */
#ifndef _ARM64_MM_CONTEXT_INTERNAL_H
#define _ARM64_MM_CONTEXT_INTERNAL_H

#ifdef HOST_TEST
extern unsigned int asid_bits_limit;	/* asid_bits= on the command line, 0 = none */
int parse_asid_bits(const char *val);
#endif

#endif
