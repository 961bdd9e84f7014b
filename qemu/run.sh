#!/usr/bin/env bash
# Boot build/kernel8.img on QEMU virt with the serial console on stdio.
# Knobs (environment): CPU (cortex-a72), MEM (1G), EL2=1 (virtualization=on:
# enter at EL2), GIC=3 (GICv3), BOOTARGS (kernel command line), SMP (4; SMP=1 for one CPU),
# ICOUNT=1 (deterministic: one counter tick per instruction), SEMIHOSTING=1
# (lets the kernel set QEMU's exit status). Extra arguments go to QEMU.
set -euo pipefail
cd "$(dirname "$0")/.."

machine="virt"
[ "${EL2:-0}" = 1 ] && machine="$machine,virtualization=on"
[ "${GIC:-2}" = 3 ] && machine="$machine,gic-version=3"

args=(-M "$machine" -cpu "${CPU:-cortex-a72}" -m "${MEM:-1G}" -smp "${SMP:-4}"
	-nographic -nic none -no-reboot
	-kernel "${KERNEL:-build/kernel8.img}" -append "${BOOTARGS:-}")
[ "${ICOUNT:-0}" = 1 ] && args+=(-icount shift=4,align=off,sleep=off)
[ "${SEMIHOSTING:-0}" = 1 ] && args+=(-semihosting-config enable=on,target=native)

exec qemu-system-aarch64 "${args[@]}" "$@"
