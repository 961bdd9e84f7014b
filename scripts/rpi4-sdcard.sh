#!/usr/bin/env bash
# make rpi4-sdcard: the files to copy onto a Raspberry Pi 4's SD card.
#
#   build/rpi4-boot/        the firmware starts kernel8.img directly
#   build/rpi4-boot-uboot/  the firmware starts Debian's U-Boot (u-boot-rpi,
#                           rpi_4 build), whose boot.scr loads kernel8.img
#
# kernel8.img is copied byte for byte from build/kernel8.img, the image the
# QEMU tests boot. bcm2711-rpi-4-b.dtb comes from Debian's arm64 kernel
# package and u-boot.bin from u-boot-rpi:arm64 (both unpacked, not installed,
# into build/rpi/ by `scripts/deps.sh rpi`). The Raspberry Pi firmware itself
# (start4.elf, fixup4.dat) is not in Debian main: README.txt says where to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

B=${B:-build}
kernel=$B/kernel8.img
dtb=$B/rpi/dtb/bcm2711-rpi-4-b.dtb
uboot=$B/rpi/u-boot/rpi_4/u-boot.bin
[ -f "$kernel" ] || { echo "rpi4-sdcard: $kernel missing (run make)" >&2; exit 1; }
[ -f "$dtb" ] && [ -f "$uboot" ] || bash scripts/deps.sh rpi

direct=$B/rpi4-boot
viauboot=$B/rpi4-boot-uboot
rm -rf "$direct" "$viauboot"
mkdir -p "$direct" "$viauboot"

for d in "$direct" "$viauboot"; do
	cp "$kernel" "$dtb" "$d/"
	# The firmware puts this line into the DTB's /chosen/bootargs (adding its
	# own words, which the kernel reports as unknown and ignores).
	echo "hz=100" > "$d/cmdline.txt"
done
cp "$uboot" "$viauboot/u-boot.bin"
bash scripts/mkbootscr.sh "$viauboot"

common_config='# Start the ARM cores in AArch64 state (64-bit kernel; default kernel name kernel8.img).
arm_64bit=1
# Route the primary UART -- the mini UART on a Pi 4 -- to GPIO 14/15 at 115200
# baud, and keep the VPU core clock fixed: the mini UART'"'"'s baud rate is derived
# from it. This is the console the DTB'"'"'s stdout-path (serial1) names.
enable_uart=1
# Hand the ARM the GIC-400 (the default on a Pi 4; the kernel drives it rather
# than the legacy BCM2835 interrupt controller).
enable_gic=1
# The DTB: the firmware picks bcm2711-rpi-4-b.dtb from this folder by board
# type, fills in /memory and /chosen (cmdline.txt), and passes it in x0.
# No dtoverlay lines: Debian'"'"'s DTBs come without the firmware'"'"'s overlays.
# Uncomment to see the firmware'"'"'s own boot log on the serial console
# (useful when nothing else appears):
#uart_2ndstage=1'

cat > "$direct/config.txt" <<EOF
# config.txt for the arm64 teaching kernel (made by make rpi4-sdcard).
# Read by the Pi 4 firmware (start4.elf) before any ARM code runs.
$common_config
# The kernel: an arm64 Linux Image (header magic ARM\x64). The firmware loads
# it at 0x200000 (text_offset 0 honoured), enters core 0 at EL2 with
# x0 = DTB, and parks cores 1-3 on the spin-table addresses 0xd8..0xf0.
kernel=kernel8.img
EOF

cat > "$viauboot/config.txt" <<EOF
# config.txt for the arm64 teaching kernel via U-Boot (made by make rpi4-sdcard).
# Read by the Pi 4 firmware (start4.elf) before any ARM code runs.
$common_config
# Start Debian's U-Boot (u-boot-rpi, rpi_4 build) instead of the kernel.
# It has no Image header and is linked to run at 0x80000: load it there.
kernel=u-boot.bin
kernel_address=0x80000
EOF

readme_common='WHAT YOU NEED

- A Raspberry Pi 4 Model B (any RAM size) and a micro-SD card.
- The Raspberry Pi firmware files start4.elf and fixup4.dat. They are not in
  Debian main: take them from the Raspberry Pi Foundation'"'"'s firmware
  repository (github.com/raspberrypi/firmware, folder boot/), or from
  Debian'"'"'s non-free-firmware package raspi-firmware
  (/usr/lib/raspi-firmware/). The Pi 4 loads its first stage from its EEPROM,
  so no bootcode.bin is needed.
- A 3.3 V USB-to-serial adapter (never a 5 V one: it damages the GPIOs).

THE SD CARD

One MBR partition, type 0x0c (FAT32 LBA), formatted FAT32, for example:

    sudo sfdisk /dev/sdX <<< "start=2048, type=c, bootable"
    sudo mkfs.vfat -F 32 -n BOOT /dev/sdX1
    sudo mount /dev/sdX1 /mnt
    sudo cp -r ./* /mnt/             # every file of this folder
    sudo cp start4.elf fixup4.dat /mnt/
    sudo umount /mnt

SERIAL WIRING (40-pin GPIO header: pin 1 has the square pad, at the end away
from the USB ports; even pins are the row along the board'"'"'s edge)

    Pi pin  6  GND              ->  adapter GND
    Pi pin  8  GPIO14 (TXD)     ->  adapter RXD
    Pi pin 10  GPIO15 (RXD)     ->  adapter TXD
    (leave the adapter'"'"'s VCC unconnected; power the Pi from USB-C)

Then, on the computer: picocom -b 115200 /dev/ttyUSB0
(or: screen /dev/ttyUSB0 115200). 115200 baud, 8N1, no flow control.
The console is the mini UART (uart1), which the DTB'"'"'s stdout-path names.'

readme_end='The memory lines depend on the RAM size (the firmware writes /memory).
Unknown kernel command line parameters (the firmware adds some of its own to
cmdline.txt) are reported and ignored. Type "help" at the "#" prompt.
Put "selftest" in cmdline.txt to run the self-tests on the board instead: they
print KTAP and end with "selftest: PASS" (or FAIL), then the CPU halts.

If nothing appears: check the wiring (TX to RX), that start4.elf and
fixup4.dat are there, and uncomment uart_2ndstage=1 in config.txt to see the
firmware'"'"'s own log. The kernel prints "no usable /memory node" and stops if
the DTB it got still has the zero-size /memory this file ships with.'

expected='    console: brcm,bcm2835-aux-uart at 0xfe215040 (bcm2835-aux)

    Booting the arm64 teaching kernel
    Entered at EL2, running at EL1 from the high half (TTBR1)
    Machine model: Raspberry Pi 4 Model B Rev 1.x
    DTB: phys 0x..., ... bytes, mapped at 0xffff800040000000
    Memory map from the device tree:
      memory   [0x0000000000000000-0x000000003b3fffff] ...  memory@0
      memory   [0x0000000040000000-...] ...
      reserved [0x0000000000000000-0x0000000000000fff]        4 KiB  /memreserve/
      ...
    GICv2: ... interrupts, GICD at 0xff841000, GICC at 0xff842000
    arch_timer: cp15 timer(s) running at 54.00MHz (virt), HZ=100, irq 27
    Type '"'"'help'"'"' for commands.
    #'

cat > "$direct/README.txt" <<EOF
Booting the arm64 teaching kernel on a Raspberry Pi 4
======================================================

This folder was made by "make rpi4-sdcard". Copy all of it onto the FAT
partition of a micro-SD card, add the two firmware files below, and the Pi's
firmware starts kernel8.img directly. kernel8.img is byte-identical to
build/kernel8.img, the image "make test" boots under QEMU (virt, U-Boot,
raspi3b). The same kernel via U-Boot: see ../rpi4-boot-uboot/README.txt.

FILES

  kernel8.img            the kernel (arm64 Image: boots from any load address)
  bcm2711-rpi-4-b.dtb    the device tree, from Debian's linux-image-*-arm64
  config.txt             firmware settings (each line explained inside)
  cmdline.txt            the kernel command line (one line)
  README.txt             this file

$readme_common

WHAT YOU SHOULD SEE

The firmware loads kernel8.img at 0x200000 and starts it at EL2. About two
seconds after power-on:

$expected

$readme_end
EOF

cat > "$viauboot/README.txt" <<EOF
Booting the arm64 teaching kernel on a Raspberry Pi 4 through U-Boot
=====================================================================

This folder was made by "make rpi4-sdcard". Copy all of it onto the FAT
partition of a micro-SD card, add the two firmware files below. The firmware
starts Debian's U-Boot (package u-boot-rpi, /usr/lib/u-boot/rpi_4/u-boot.bin),
whose distro boot finds boot.scr on the card; the script loads kernel8.img
and starts it with booti, passing on the DTB the firmware gave U-Boot
(\${fdt_addr}: /memory and cmdline.txt already filled in). kernel8.img is
byte-identical to build/kernel8.img. The same boot.scr is tested under QEMU
with U-Boot's Pi 3 build on -M raspi3b (make rpi3-test UBOOT=1).

FILES

  u-boot.bin             Debian's U-Boot for the Pi 4 (config.txt: kernel=)
  boot.scr               the U-Boot script (mkimage of boot.cmd)
  boot.cmd               its source, to read or change (then run mkimage:
                         mkimage -A arm64 -O linux -T script -C none -d boot.cmd boot.scr)
  kernel8.img            the kernel (arm64 Image)
  bcm2711-rpi-4-b.dtb    the device tree, from Debian's linux-image-*-arm64
  config.txt             firmware settings (each line explained inside)
  cmdline.txt            the kernel command line (one line)
  README.txt             this file

$readme_common

WHAT YOU SHOULD SEE

U-Boot's banner, "Hit any key to stop autoboot" (press a key within 2 s for
the U-Boot prompt; "boot" continues), "Found U-Boot script /boot.scr",
"boot.scr: loading kernel8.img from mmc 0:1", "Starting kernel ...", then:

$expected

$readme_end
EOF

printf '  SDCARD  %s/ and %s/ (kernel8.img %s bytes)\n' "$direct" "$viauboot" "$(stat -c %s "$kernel")"
