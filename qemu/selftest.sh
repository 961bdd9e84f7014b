#!/usr/bin/env bash
# Boot once in self-test mode and exit with the kernel's verdict: 0 only if
# every KTAP case passed. Semihosting carries the status out of QEMU.
# BOOTARGS are appended (e.g. BOOTARGS=selftest.inject_failure, or
# BOOTARGS=selftest=buddy,slub to run a subset). RUNNER picks the boot path
# (default qemu/run.sh; qemu/uboot.sh, qemu/rpi3.sh take the same knobs).
set -uo pipefail
cd "$(dirname "$0")/.."
export SEMIHOSTING=1
# Deterministic time: one counter tick per instruction, so tick-rate checks
# do not depend on how busy the host is. (The tests split the suites:
# tests/e2e/ktap.sh runs only those that need it under -icount.)
export ICOUNT=${ICOUNT:-1}
export BOOTARGS="selftest semihosting selftest.expect_mem=${MEM:-1G} ${BOOTARGS:-}"
timeout "${TIMEOUT:-600}" bash "${RUNNER:-qemu/run.sh}" < /dev/null
status=$?
case $status in
0) echo "qemu-test: PASS" ;;
124) echo "qemu-test: TIMEOUT (no verdict within ${TIMEOUT:-600}s)" ;;
*) echo "qemu-test: FAIL (QEMU exit status $status)" ;;
esac
exit $status
