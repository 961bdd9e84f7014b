/* Waiting for children. The status encoding (W* macros) is in uapi/wait.h. */
#ifndef _USER_SYS_WAIT_H
#define _USER_SYS_WAIT_H

#include <unistd.h>
#include <uapi/wait.h>

/* Reap child pid (-1: any child); returns its pid, or -1 with errno ECHILD when there is none. */
pid_t wait(pid_t pid, int *status);

#endif
