#!/usr/bin/env bash
# Make a disk image laid out like a boot SD card: an MBR with one FAT
# partition (type 0x0c, bootable, from 1 MiB to the end) holding FILE...
# U-Boot's distro boot scans the partition for /boot.scr (a FAT image without
# a partition table is not found). No root needed: sfdisk, mkfs.vfat --offset
# and mtools all work on the image file.
#
#   qemu/mkdisk.sh IMAGE SIZE_MIB FILE...
set -euo pipefail
img=$1 size_mib=$2
shift 2
mkdir -p "$(dirname "$img")"
rm -f "$img"
truncate -s "${size_mib}M" "$img"
echo 'start=2048, type=c, bootable' | sfdisk -q "$img"
mkfs.vfat -n BOOT --offset 2048 "$img" $(( (size_mib - 1) * 1024 )) > /dev/null
MTOOLS_SKIP_CHECK=1 mcopy -o -i "$img@@1M" "$@" ::/
