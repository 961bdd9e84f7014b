/* The small stdlib pieces the kernel's lib/stdlib.c does not have. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

/* Nothing is buffered (printf writes at once), so exit is just the system call. */
void exit(int code)
{
	_exit(code);
}

void abort(void)
{
	kill(getpid(), SIGKILL);
	_exit(127);
}

const char *errno_name(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
		{ ENOEXEC, "ENOEXEC" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" }, { EINVAL, "EINVAL" }, { ENOSYS, "ENOSYS" },
		{ EBADF, "EBADF" }, { ENODEV, "ENODEV" }, { ENOSPC, "ENOSPC" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return "E?";
}
