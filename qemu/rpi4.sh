#!/usr/bin/env bash
# Boot build/kernel8.img on QEMU's Raspberry Pi 4 model B (-M raspi4b) with
# Debian's bcm2711-rpi-4-b.dtb. The system's QEMU 7.2 has no raspi4b: this
# runs QEMU 10 from bookworm-backports, unpacked (not installed) into
# build/qemu10/ by `scripts/deps.sh qemu10`; the system's QEMU is not touched.
# QEMU acts as the Pi firmware: it loads the image (0x200000 with the Image
# header), enters core 0 at EL2 with x0 = DTB, fills in /memory (which
# Debian's DTB ships with size 0; QEMU gives the kernel 960 MiB) and leaves
# cores 1-3 in a spin loop on their spin-table release words, from which the
# kernel brings them up (arch/arm64/kernel/smp.c; nosmp or maxcpus= parks the
# others in WFI).
#
# Knobs: BOOTARGS, SEMIHOSTING=1, ICOUNT=1 (as qemu/run.sh), KERNEL, DTB.
# The console is the DTB's stdout-path = serial1, the mini UART, which is
# QEMU's second -serial: it is put on this terminal. Extra arguments go to
# QEMU. With cores 1-3 idle in WFI (in the kernel, or parked), an emulated
# Pi 4 keeps about one host core busy.
#
# QEMU 10 looks for its modules in the system's module directory first and
# warns "Only modules from the same build can be loaded" about QEMU 7.2's;
# QEMU_MODULE_DIR points it at its own, which leaves one such warning
# (ui-opengl, not in these packages). It is harmless: nothing here uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

q=build/qemu10
dtb=${DTB:-build/rpi/dtb/bcm2711-rpi-4-b.dtb}
[ -x "$q/usr/bin/qemu-system-aarch64" ] || bash scripts/deps.sh qemu10
[ -f "$dtb" ] || bash scripts/deps.sh rpi
export QEMU_MODULE_DIR=$PWD/$q/usr/lib/x86_64-linux-gnu/qemu

args=(-M raspi4b -kernel "${KERNEL:-build/kernel8.img}" -dtb "$dtb" -append "${BOOTARGS:-}"
	-display none -no-reboot -serial null -serial mon:stdio)
[ "${ICOUNT:-0}" = 1 ] && args+=(-icount shift=4,align=off,sleep=off)
[ "${SEMIHOSTING:-0}" = 1 ] && args+=(-semihosting-config enable=on,target=native)

exec "$q/usr/bin/qemu-system-aarch64" -L "$q/usr/share/qemu" "${args[@]}" "$@"
