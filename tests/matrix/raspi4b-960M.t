#!/usr/bin/env bash
# Every self-test suite on QEMU 10's raspi4b (qemu/rpi4.sh) with Debian's
# bcm2711-rpi-4-b.dtb: 960 MiB, EL2 entry, 4 cores (1-3 parked in WFI by the
# kernel). The same suites under -icount as on virt (tests/e2e/ktap.sh).
. "$(dirname "$0")/matrix.sh"
bash scripts/deps.sh qemu10 > "$LOGDIR/rpi4-deps.log" 2>&1 ||
	{ cat "$LOGDIR/rpi4-deps.log"; echo "Bail out! scripts/deps.sh qemu10 failed"; exit 1; }
matrix_config "raspi4b 960M" qemu/rpi4.sh 900 EXPECT_MEM=960M
