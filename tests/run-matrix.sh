#!/usr/bin/env bash
# make test-matrix: the configurations given as arguments (tests/matrix/*.t),
# all TAP, one at a time, then the tables of times. Exit status: prove's.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/matrix
rm -f build/matrix/selftest-times.txt build/matrix/selftest-suites.txt
start=$SECONDS
prove -v --timer --exec '' "$@"
st=$?
bash tests/times-table.sh build/matrix
echo "make test-matrix: $((SECONDS - start)) s"
exit $st
