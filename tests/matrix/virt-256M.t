#!/usr/bin/env bash
# Every self-test suite on QEMU virt (Cortex-A72, EL1, GICv2) with 256 MiB.
. "$(dirname "$0")/matrix.sh"
matrix_config "virt 256M" qemu/run.sh 300 MEM=256M EXPECT_MEM=256M
