#!/usr/bin/env bash
# The Raspberry Pi 4 boot path on QEMU 10's -M raspi4b (qemu/rpi4.sh; QEMU
# 10 comes from bookworm-backports, unpacked into build/qemu10/ by
# `scripts/deps.sh qemu10`) with Debian's bcm2711-rpi-4-b.dtb: EL2 entry, the
# mini UART behind /soc ranges at 0xfe215040, the GIC-400, the 960 MiB QEMU
# fills into the DTB's empty /memory, cores 1-3 released from QEMU's
# spin-table stub into the kernel (arch/arm64/kernel/smp.c). The quick
# self-test suites must pass there (tests/e2e/ktap.sh); `make rpi4-test` and `make test-matrix` run
# every suite. The image is build/kernel8.img, unchanged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ktap.sh"

bash scripts/deps.sh qemu10 > "$LOGDIR/rpi4-deps.log" 2>&1
st=$?
ok $st "scripts/deps.sh qemu10: QEMU 10 unpacked into build/qemu10"
[ $st -eq 0 ] || { show_log "$LOGDIR/rpi4-deps.log" 20; echo "Bail out! no QEMU 10"; exit 1; }
like build/qemu10/SOURCES '^qemu10: qemu-system-arm_[^_]*~bpo12[^_]*_amd64\.deb$' "QEMU 10 is Debian's bookworm-backports build"
build/qemu10/usr/bin/qemu-system-aarch64 --version > "$LOGDIR/rpi4-version.log" 2>&1
like "$LOGDIR/rpi4-version.log" '^QEMU emulator version (1[0-9]|[2-9][0-9])\.' "build/qemu10 is QEMU 10 or later"
qemu-system-aarch64 --version > "$LOGDIR/rpi4-system-version.log" 2>&1
unlike "$LOGDIR/rpi4-system-version.log" '^QEMU emulator version (1[0-9]|[2-9][0-9])\.' \
	"the system's QEMU is left as it was (not replaced by 10)"

selftest_config "raspi4b 960M" qemu/rpi4.sh "$QUICK_SUITES" 300 EXPECT_MEM=960M
log=$LOGDIR/selftest-raspi4b_960M-quick1.log
like "$log" '^Entered at EL2, running at EL1' "raspi4b: entered at EL2"
like "$log" '^Machine model: Raspberry Pi 4 Model B$' "raspi4b: model from Debian's DTB"
like "$log" '^console: brcm,bcm2835-aux-uart at 0xfe215040 ' \
	"raspi4b: stdout-path serial1 = mini UART, bus 0x7e215040 -> CPU 0xfe215040"
like "$log" 'memory +\[0x0000000000000000-0x000000003bffffff\] +983040 KiB' "raspi4b: /memory filled in by QEMU (960 MiB)"
like "$log" '^GICv2: [0-9]+ interrupts, GICD at 0xff841000, GICC at 0xff842000' "raspi4b: the GIC-400"
like "$log" '^Kernel image: phys \[0x0000000000200000-' "raspi4b: loaded at 0x200000"
like "$log" '^smp: Brought up 1 node, 4 CPUs$' "raspi4b: cores 1-3 brought up through their spin-table release words"
unlike "$log" 'failed to come online|left spinning' "raspi4b: no core failed to come online"
done_testing
