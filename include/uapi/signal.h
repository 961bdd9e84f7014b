/*
 * Signal numbers, Linux's values. There are no signal handlers: a signal
 * only ever ends a task, and its number is what wait() reports (see
 * uapi/wait.h). kill(pid, sig) accepts SIGKILL and SIGTERM (both end the
 * task) and 0 (only checks that pid exists).
 */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#define SIGILL		4	/* killed for an undefined instruction */
#define SIGBUS		7	/* killed: its data could not be read back (swap corruption) */
#define SIGKILL		9	/* killed by kill() or by the OOM killer */
#define SIGSEGV		11	/* killed for a bad memory access */
#define SIGTERM		15

#endif
