/* Error numbers, Linux's values (include/uapi/errno.h is shared with user/). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#include <uapi/errno.h>
#endif
