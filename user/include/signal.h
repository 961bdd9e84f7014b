#ifndef _USER_SIGNAL_H
#define _USER_SIGNAL_H

#include <unistd.h>
#include <uapi/signal.h>

/* End task pid (sig SIGKILL or SIGTERM), or with sig 0 only check that it exists. */
int kill(pid_t pid, int sig);

#endif
