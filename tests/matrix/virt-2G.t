#!/usr/bin/env bash
# Every self-test suite on QEMU virt (Cortex-A72, EL1, GICv2) with 2 GiB.
. "$(dirname "$0")/matrix.sh"
matrix_config "virt 2G" qemu/run.sh 900 MEM=2G EXPECT_MEM=2G
