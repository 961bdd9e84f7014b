#!/usr/bin/env bash
# Boot build/kernel8.img on QEMU's Raspberry Pi 3 model B (-M raspi3b) with
# Debian's bcm2837-rpi-3-b.dtb: the in-emulator proxy for the Pi boot path.
# QEMU acts as the Pi firmware: it loads the image (0x200000 with the Image
# header, 0x80000 without), enters core 0 at EL2 with x0 = DTB (0x08000000),
# rewrites /memory to 0x0-0x3c000000 and leaves cores 1-3 in a spin loop on
# the release addresses 0xe0/0xe8/0xf0 (the kernel parks them in WFI: the
# Pi 3's BCM2836 controller sends it no IPIs, so they are not brought up;
# arch/arm64/kernel/smp.c, smp_spin_table.c).
#
# Knobs: BOOTARGS, SEMIHOSTING=1, ICOUNT=1 (as qemu/run.sh), KERNEL, DTB, and
#   CONSOLE=aux    (default) the DTB as shipped: stdout-path = serial1, the
#                  mini UART at 0x3f215040, which is QEMU's second -serial
#   CONSOLE=pl011  a copy of the DTB with stdout-path = serial0, the PL011 at
#                  0x3f201000 (QEMU's first -serial; on a real Pi 3 this is
#                  what dtoverlay=disable-bt gives)
#   UBOOT=1        boot as a Pi with U-Boot does: QEMU starts Debian's
#                  u-boot-rpi build for the Pi 3 (rpi_3/u-boot.bin) with the
#                  DTB, and U-Boot runs boot.scr from an SD card image (MBR +
#                  FAT: boot.scr from scripts/mkbootscr.sh, kernel8.img) --
#                  the same script as the Pi 4 U-Boot folder of make rpi4-sdcard.
#                  BOOTARGS still come from -append: QEMU writes them into the
#                  DTB as the Pi firmware writes cmdline.txt, and U-Boot passes
#                  that DTB (${fdt_addr}) on.
# Whichever UART the kernel will use is put on this terminal.
# The machine has 1 GiB and 4 cores, fixed. Extra arguments go to QEMU.
set -euo pipefail
cd "$(dirname "$0")/.."

dtb=${DTB:-build/rpi/dtb/bcm2837-rpi-3-b.dtb}
[ -f "$dtb" ] && [ -f build/rpi/u-boot/rpi_3/u-boot.bin ] || bash scripts/deps.sh rpi
case ${CONSOLE:-aux} in
aux)	serial=(-serial null -serial mon:stdio) ;;
pl011)	pl011_dtb=build/rpi/dtb-derived/$(basename "$dtb" .dtb)-pl011.dtb
	mkdir -p "$(dirname "$pl011_dtb")"
	cp "$dtb" "$pl011_dtb"
	fdtput -t s "$pl011_dtb" /chosen stdout-path "serial0:115200n8"
	dtb=$pl011_dtb
	serial=(-serial mon:stdio -serial null) ;;
*)	echo "CONSOLE must be aux or pl011" >&2; exit 2 ;;
esac

kernel=${KERNEL:-build/kernel8.img}
if [ "${UBOOT:-0}" = 1 ]; then
	sd=build/rpi/sd/sd.img
	bash scripts/mkbootscr.sh build/rpi/sd
	bash qemu/mkdisk.sh "$sd" 32 build/rpi/sd/boot.scr "$kernel"	# SD size: a power of 2
	args=(-kernel build/rpi/u-boot/rpi_3/u-boot.bin -drive if=sd,file="$sd",format=raw)
else
	args=(-kernel "$kernel")
fi
args+=(-M raspi3b -nographic -no-reboot "${serial[@]}" -dtb "$dtb" -append "${BOOTARGS:-}")
[ "${ICOUNT:-0}" = 1 ] && args+=(-icount shift=4,align=off,sleep=off)
[ "${SEMIHOSTING:-0}" = 1 ] && args+=(-semihosting-config enable=on,target=native)

exec qemu-system-aarch64 "${args[@]}" "$@"
