#!/usr/bin/env bash
# make test: the host unit tests (binaries given as arguments) and the
# end-to-end QEMU tests in tests/e2e, all TAP, summarised by prove (with each
# file's wall time), then the self-test time tables.
# QEMU tests run one at a time (the machine has two cores).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/e2e
rm -f build/e2e/selftest-times.txt build/e2e/selftest-suites.txt
start=$SECONDS
prove --timer --exec '' "$@" tests/e2e/*.t
st=$?
bash tests/times-table.sh build/e2e
echo "make test: $((SECONDS - start)) s"
exit $st
