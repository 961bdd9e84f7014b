#!/usr/bin/env bash
# Write DIR/boot.cmd and DIR/boot.scr (mkimage "script" image): the U-Boot
# script that loads kernel8.img from the partition it was found on and starts
# it with booti. One script for every U-Boot here: QEMU virt (qemu_arm64,
# virtio disk), QEMU raspi3b (rpi_3, SD card) and a real Pi 4 (rpi_4, SD card).
#
#   scripts/mkbootscr.sh DIR [BOOTARGS]
#
# With BOOTARGS the script sets U-Boot's bootargs, which booti writes into the
# DTB's /chosen/bootargs. Without, /chosen/bootargs is left as the firmware
# wrote it (from cmdline.txt on a Pi, from -append under QEMU).
# The output is reproducible: mkimage takes its timestamp from SOURCE_DATE_EPOCH.
set -euo pipefail
dir=$1 bootargs=${2:-}
mkdir -p "$dir"

{
	echo "# U-Boot script: made by scripts/mkbootscr.sh, compiled to boot.scr by mkimage."
	echo "# distro boot found this file on \${devtype} \${devnum}:\${distro_bootpart}"
	echo "# (virtio 0:1 under QEMU virt, mmc 0:1 on a Pi); kernel8.img is beside it."
	echo 'echo "boot.scr: loading kernel8.img from ${devtype} ${devnum}:${distro_bootpart}"'
	[ -z "$bootargs" ] || echo "setenv bootargs \"$bootargs\""
	echo 'load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} kernel8.img'
	echo '# The DTB to hand on: the one U-Boot received, ${fdt_addr} (the Pi firmware'"'"'s,'
	echo '# /memory filled in; QEMU'"'"'s at 0x40000000 on virt), else the one U-Boot runs with.'
	echo 'if test -n "${fdt_addr}"; then setenv kernel_fdt ${fdt_addr}; else setenv kernel_fdt ${fdtcontroladdr}; fi'
	echo 'booti ${kernel_addr_r} - ${kernel_fdt}'
} > "$dir/boot.cmd"
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000} \
	mkimage -A arm64 -O linux -T script -C none -n "teaching kernel boot.scr" \
	-d "$dir/boot.cmd" "$dir/boot.scr" > /dev/null
