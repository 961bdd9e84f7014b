/* The kernel's lib/string.c, compiled again for user space. */
#include <libc/string.h>
