#!/usr/bin/env bash
# Every self-test suite on QEMU virt (Cortex-A72, EL1, GICv2) with 128 MiB.
. "$(dirname "$0")/matrix.sh"
matrix_config "virt 128M" qemu/run.sh 300 MEM=128M EXPECT_MEM=128M
