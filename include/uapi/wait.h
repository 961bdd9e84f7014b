/*
 * The status word wait() stores, encoded as Linux does (so the W* macros
 * mean what they mean in POSIX):
 *   exited with code c:      status = (c & 0xff) << 8
 *   killed by signal s:      status = s & 0x7f       (see uapi/signal.h)
 */
#ifndef _UAPI_WAIT_H
#define _UAPI_WAIT_H

#define W_EXITCODE(code, sig)	((((code) & 0xff) << 8) | ((sig) & 0x7f))

#define WIFEXITED(s)		(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)		(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)		(((s) & 0x7f) != 0)
#define WTERMSIG(s)		((s) & 0x7f)

#endif
