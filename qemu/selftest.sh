#!/usr/bin/env bash
# Boot once in self-test mode and exit with the kernel's verdict: 0 only if
# every KTAP case passed. Semihosting carries the status out of QEMU.
# BOOTARGS are appended (e.g. BOOTARGS=selftest.inject_failure, or
# BOOTARGS=selftest=buddy,slub to run a subset).
set -uo pipefail
cd "$(dirname "$0")/.."
export SEMIHOSTING=1
export BOOTARGS="selftest semihosting selftest.expect_mem=${MEM:-1G} ${BOOTARGS:-}"
timeout "${TIMEOUT:-600}" bash qemu/run.sh < /dev/null
status=$?
case $status in
0) echo "qemu-test: PASS" ;;
124) echo "qemu-test: TIMEOUT (no verdict within ${TIMEOUT:-600}s)" ;;
*) echo "qemu-test: FAIL (QEMU exit status $status)" ;;
esac
exit $status
