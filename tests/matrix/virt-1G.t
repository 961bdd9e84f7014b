#!/usr/bin/env bash
# Every self-test suite on QEMU virt (Cortex-A72, EL1, GICv2) with 1 GiB.
. "$(dirname "$0")/matrix.sh"
matrix_config "virt 1G" qemu/run.sh 600 MEM=1G EXPECT_MEM=1G
