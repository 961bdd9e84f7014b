#!/usr/bin/env bash
# make test: the host unit tests (binaries given as arguments) and the
# end-to-end QEMU tests in tests/e2e, all TAP, summarised by prove.
# QEMU tests run one at a time (the machine has two cores).
set -uo pipefail
cd "$(dirname "$0")/.."
prove --exec '' "$@" tests/e2e/*.t
