/* Constants usable from both C and assembly (Linux: include/uapi/linux/const.h). */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H
#ifdef __ASSEMBLY__
#define _UL(x)		x
#else
#define _UL(x)		x##UL
#endif
#endif
