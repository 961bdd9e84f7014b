/*
 * main() of a host binary that runs self-test suites (include/linux/
 * selftest.h): the host's counterpart of kernel/selftest.c. It builds the
 * binary's machine (selftest_host_init), runs the suites linked in, or
 * those named in argv[1] ("a,b", like `selftest=a,b` in bootargs), through
 * lib/kunit.c, and exits 1 if a case failed or no suite matched, so that
 * both `prove` (the TAP plan and lines) and make see a failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/selftest.h>
#include "host_shim.h"

/* KTAP goes to stdout as it is (printk would make every line a TAP comment). */
void kunit_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int main(int argc, char **argv)
{
	struct kunit_suite *suites[64];
	const char *filter = argc > 1 ? argv[1] : NULL;
	int n = selftest_select(filter, suites, ARRAY_SIZE(suites)), err;

	/* Line by line: before a crash (ASan, abort) the output so far is out. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (n == 0) {
		printf("Bail out! no suite matches \"%s\"\n# ", filter ? filter : "");
		selftest_list();
		return 1;
	}
	err = selftest_host_init();
	if (err) {
		printf("Bail out! selftest_host_init failed: %d\n", err);
		return 1;
	}
	return kunit_run_suites(suites, n) ? 1 : 0;
}
