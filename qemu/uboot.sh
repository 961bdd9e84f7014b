#!/usr/bin/env bash
# Boot build/kernel8.img the way a board with U-Boot does: QEMU virt runs
# Debian's U-Boot (/usr/lib/u-boot/qemu_arm64/u-boot.bin) as its firmware,
# whose distro boot finds boot.scr (scripts/mkbootscr.sh) on a virtio disk
# (MBR + FAT, qemu/mkdisk.sh); the script loads kernel8.img from the same
# partition and starts it with booti.
# Same knobs as qemu/run.sh: CPU, MEM, EL2=1 (virtualization=on: U-Boot and
# then the kernel run at EL2), GIC=3, BOOTARGS, SEMIHOSTING=1, ICOUNT=1.
# DISK (default build/uboot/disk.img) is rebuilt on every run.
# Note: U-Boot waits bootdelay (2 s) for a key; typing then stops it at its prompt.
set -euo pipefail
cd "$(dirname "$0")/.."

disk=${DISK:-build/uboot/disk.img}
bash scripts/mkbootscr.sh "$(dirname "$disk")" "${BOOTARGS:-}"
bash qemu/mkdisk.sh "$disk" 16 "$(dirname "$disk")/boot.scr" "${KERNEL:-build/kernel8.img}"

machine="virt"
[ "${EL2:-0}" = 1 ] && machine="$machine,virtualization=on"
[ "${GIC:-2}" = 3 ] && machine="$machine,gic-version=3"

args=(-M "$machine" -cpu "${CPU:-cortex-a72}" -m "${MEM:-1G}" -smp "${SMP:-4}"
	-nographic -nic none -no-reboot
	-bios "${UBOOT:-/usr/lib/u-boot/qemu_arm64/u-boot.bin}"
	-drive if=none,file="$disk",format=raw,id=hd0 -device virtio-blk-device,drive=hd0)
[ "${ICOUNT:-0}" = 1 ] && args+=(-icount shift=4,align=off,sleep=off)
[ "${SEMIHOSTING:-0}" = 1 ] && args+=(-semihosting-config enable=on,target=native)

exec qemu-system-aarch64 "${args[@]}" "$@"
