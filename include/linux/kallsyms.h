/* Address -> function name, from the table the second link embeds (scripts/kallsyms.sh). */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

/* Name of the function containing addr, its size and addr's offset in it; NULL if none. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);
/* Address of the function called name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
