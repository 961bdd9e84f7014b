/* The stdlib functions libfdt and liblz4 need (kernel build only). */
#ifndef _KLIBC_STDLIB_H
#define _KLIBC_STDLIB_H
#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
/* Backed by kmalloc once SLUB is up; NULL before that. */
void *calloc(size_t n, size_t size);
void *malloc(size_t size);
void free(void *p);
#endif
