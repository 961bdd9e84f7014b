#!/usr/bin/env bash
# make rpi4-sdcard: the Raspberry Pi 4 SD-card folders (scripts/rpi4-sdcard.sh).
# This checks the folders' contents; the boot path itself is exercised by
# rpi4.t (QEMU 10's raspi4b with the same DTB and image), rpi3.t (raspi3b,
# also through U-Boot with the same boot.scr) and the Pi 4 DTB by the host
# test test_rpi.
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/rpi4-sdcard.log
make --no-print-directory rpi4-sdcard > "$log" 2>&1
ok $? "make rpi4-sdcard succeeds"
[ -f build/kernel8.img ] || { echo "Bail out! no build/kernel8.img"; exit 1; }
dtb=build/rpi/dtb/bcm2711-rpi-4-b.dtb

for d in build/rpi4-boot build/rpi4-boot-uboot; do
	n=$(basename "$d")
	cmp -s build/kernel8.img "$d/kernel8.img"
	ok $? "$n: kernel8.img byte-identical to build/kernel8.img (the image the QEMU tests boot)"
	cmp -s "$dtb" "$d/bcm2711-rpi-4-b.dtb"
	ok $? "$n: bcm2711-rpi-4-b.dtb is Debian's, unchanged"
	dtc -q -I dtb -O dts "$d/bcm2711-rpi-4-b.dtb" 2> /dev/null | grep -q 'model = "Raspberry Pi 4 Model B"'
	ok $? "$n: the DTB is a Pi 4 model B's"
	like "$d/config.txt" '^arm_64bit=1$' "$n: config.txt arm_64bit=1"
	like "$d/config.txt" '^enable_uart=1$' "$n: config.txt enable_uart=1"
	unlike "$d/config.txt" '^[^#]*dtoverlay' "$n: config.txt needs no overlay (none in Debian)"
	ok $([ "$(wc -l < "$d/cmdline.txt")" = 1 ]; echo $?) "$n: cmdline.txt is one line"
	like "$d/README.txt" 'start4\.elf' "$n: README names start4.elf"
	like "$d/README.txt" 'fixup4\.dat' "$n: README names fixup4.dat"
	like "$d/README.txt" 'GPIO14 \(TXD\) +-> +adapter RXD' "$n: README explains the serial wiring"
	like "$d/README.txt" '115200' "$n: README gives the baud rate"
	like "$d/README.txt" 'console: brcm,bcm2835-aux-uart at 0xfe215040' "$n: README shows what to expect"
done

d=build/rpi4-boot
like "$d/config.txt" '^kernel=kernel8.img$' "rpi4-boot: config.txt kernel=kernel8.img"

d=build/rpi4-boot-uboot
like "$d/config.txt" '^kernel=u-boot.bin$' "rpi4-boot-uboot: config.txt kernel=u-boot.bin"
cmp -s build/rpi/u-boot/rpi_4/u-boot.bin "$d/u-boot.bin"
ok $? "rpi4-boot-uboot: u-boot.bin is Debian's rpi_4 build"
mkimage -l "$d/boot.scr" 2> /dev/null | grep -q 'Script'
ok $? "rpi4-boot-uboot: boot.scr is a U-Boot script image"
like "$d/boot.cmd" '^load \$\{devtype\} \$\{devnum\}:\$\{distro_bootpart\} \$\{kernel_addr_r\} kernel8.img' \
	"rpi4-boot-uboot: boot.cmd loads kernel8.img from the partition it was found on"
like "$d/boot.cmd" '^booti \$\{kernel_addr_r\} - ' "rpi4-boot-uboot: boot.cmd starts it with booti"
# rpi3.t boots U-Boot's Pi 3 build on raspi3b with the script mkbootscr.sh
# makes without bootargs: it must be this very file.
bash scripts/mkbootscr.sh "$LOGDIR/bootscr"
cmp -s "$LOGDIR/bootscr/boot.scr" "$d/boot.scr"
ok $? "rpi4-boot-uboot: boot.scr identical to the one rpi3.t boots through U-Boot (UBOOT=1)"
done_testing
