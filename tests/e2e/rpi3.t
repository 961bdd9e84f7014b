#!/usr/bin/env bash
# The Raspberry Pi boot path, on QEMU -M raspi3b with Debian's
# bcm2837-rpi-3-b.dtb (qemu/rpi3.sh): EL2 entry, a firmware-style DTB,
# devices behind /soc "ranges", the mini UART or the PL011 as console, the
# BCM2836 local interrupt controller for the timer, cores 1-3 parked on
# spin-table release addresses (the BCM2836 sends this kernel no IPIs, so
# they are not brought up: "smp: CPUn (cpu@n) parked in WFI"). The image
# is build/kernel8.img, unchanged.
# Self-test runs use ICOUNT=1 (the counter ticks once per instruction): the
# irq suite's tick-rate check then does not depend on how busy the host is.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/session.sh"

# QEMU rewrites /memory to 0x0-0x3c000000: 960 MiB.
selftest_args="selftest=$QUICK_SUITES semihosting selftest.expect_mem=960M"

# Self-tests with each console, and through Debian's U-Boot for the Pi 3
# (rpi_3) from an SD card image, with the boot.scr the Pi 4 U-Boot folder uses.
for cfg in "CONSOLE=aux" "CONSOLE=pl011" "UBOOT=1"; do
	name=$(echo "$cfg" | tr ' =' '_-')
	log=$LOGDIR/rpi3-selftest-$name.log
	env $cfg ICOUNT=1 SEMIHOSTING=1 BOOTARGS="$selftest_args" timeout 300 bash qemu/rpi3.sh < /dev/null > "$log" 2>&1
	st=$?
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	ok $st "rpi3 ($cfg): selftest exits 0"
	like "$log" '^selftest: PASS' "rpi3 ($cfg): selftest PASS"
	unlike "$log" '^not ok|^ +not ok' "rpi3 ($cfg): no failed case"
	ktap_skips "$log" "rpi3 ($cfg)"
	like "$log" '^Entered at EL2, running at EL1' "rpi3 ($cfg): entered at EL2"
	like "$log" '^Machine model: Raspberry Pi 3 Model B$' "rpi3 ($cfg): model from Debian's DTB"
	if [ "$cfg" = CONSOLE=pl011 ]; then
		like "$log" '^console: arm,pl011 at 0x3f201000 ' "rpi3 ($cfg): PL011 bus 0x7e201000 -> CPU 0x3f201000"
	else
		like "$log" '^console: brcm,bcm2835-aux-uart at 0x3f215040 ' \
			"rpi3 ($cfg): stdout-path serial1 = mini UART, bus 0x7e215040 -> CPU 0x3f215040"
	fi
	like "$log" '^bcm2836-l1-intc: per-core interrupt controller at 0x40000000' "rpi3 ($cfg): BCM2836 local controller"
	like "$log" '^arch_timer: .*irq 3$' "rpi3 ($cfg): timer on CNTVIRQ (source 3)"
	case $cfg in
	CONSOLE=aux) like "$log" '^Kernel image: phys \[0x0000000000200000-' "rpi3 ($cfg): loaded at 0x200000" ;;
	UBOOT=1)	like "$log" '^Found U-Boot script /boot.scr' "rpi3 ($cfg): U-Boot found boot.scr"
		like "$log" '^boot.scr: loading kernel8.img from mmc 0:1' "rpi3 ($cfg): from the SD card"
		like "$log" '^Kernel command line: selftest' "rpi3 ($cfg): bootargs from the firmware's DTB passed on" ;;
	esac
	[ $st -eq 0 ] || show_log "$log"
done

# A load address that is not 2 MiB aligned: a copy without the Image magic is
# loaded as a raw binary at 0x80000 (what older Pi firmware does).
raw=$LOGDIR/kernel8-raw.img
cp "${KERNEL:-build/kernel8.img}" "$raw"
printf '\0\0\0\0' | dd of="$raw" bs=1 seek=56 conv=notrunc status=none
log=$LOGDIR/rpi3-selftest-0x80000.log
KERNEL=$raw ICOUNT=1 SEMIHOSTING=1 BOOTARGS="$selftest_args" timeout 300 bash qemu/rpi3.sh < /dev/null > "$log" 2>&1
st=$?
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
ok $st "rpi3 at 0x80000: selftest exits 0"
ktap_skips "$log" "rpi3 at 0x80000"
like "$log" '^Kernel image: phys \[0x0000000000080000-' "rpi3 at 0x80000: running from 0x80000"
[ $st -eq 0 ] || show_log "$log"

# A DTB whose /memory has size 0, as bcm2711-rpi-4-b.dtb ships (the Pi 4
# firmware fills it in): the kernel must stop with a clear panic, not crash.
# QEMU rewrites /memory in any -dtb, so a 12-byte "firmware" stub (QEMU's
# -kernel) jumps to the kernel with x0 = our own DTB, both put in RAM by
# -device loader.
stub=$LOGDIR/nomem-stub
mkdir -p "$stub"
printf '\tmovz x0, #0x0900, lsl #16\n\tmovz x1, #0x0020, lsl #16\n\tbr x1\n' > "$stub/stub.S"
aarch64-linux-gnu-as "$stub/stub.S" -o "$stub/stub.o" && aarch64-linux-gnu-objcopy -O binary "$stub/stub.o" "$stub/stub.bin"
cp build/rpi/dtb/bcm2837-rpi-3-b.dtb "$stub/nomem.dtb"
fdtput -t x "$stub/nomem.dtb" /memory@0 reg 0 0
fdtput -t s "$stub/nomem.dtb" /chosen bootargs semihosting
log=$LOGDIR/rpi3-nomem.log
SEMIHOSTING=1 KERNEL=$stub/stub.bin timeout 60 bash qemu/rpi3.sh \
	-device loader,file="${KERNEL:-build/kernel8.img}",addr=0x200000 \
	-device loader,file="$stub/nomem.dtb",addr=0x9000000 < /dev/null > "$log" 2>&1
st=$?
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
ok $([ $st -eq 3 ]; echo $?) "zero-size /memory: panic exit status 3 (got $st)"
like "$log" '^Kernel panic - not syncing: no usable /memory node' "zero-size /memory: the panic says why"
unlike "$log" 'Internal error|Oops' "zero-size /memory: no exception on the way"

# The shell on the mini UART, then QEMU's monitor: the timer ticks, and the
# secondary cores left the firmware's polling loop for secondary_park
# (arch/arm64/kernel/smp.c: without IPIs from the BCM2836 they are parked,
# not brought up; smp_spin_table.c): core 0's release word untouched, cores
# 1-3's all hold one address, and each of those cores sits at that address + 4 or
# + 8 (its WFI loop) at EL2 with D, A, I and F masked.
log=$LOGDIR/rpi3-shell.log
session_start "$log" bash qemu/rpi3.sh
if session_wait "Type 'help' for commands" 30; then
	session_send 'interrupts\n'
	session_wait '^jiffies: ' 10
	session_send '\001c'
	session_wait '^\(qemu\)' 10
	session_send 'xp /4gx 0xd8\n'
	session_send 'info registers -a\n'
	session_wait 'CPU#3' 10
	sleep 0.5
	session_send 'quit\n'
fi
session_end 20
like "$log" '^ +3: +[1-9][0-9]* +bcm2836-l1 +arch_timer' "rpi3 shell: timer interrupts counted on the bcm2836 controller"
words=$(grep -aE '^00000000000000(d8|e8):' "$log" | awk '{print $2, $3}' | tr '\n' ' ')
set -- $words
park=${2:-none}
ok $([ "${1:-}" = 0x0000000000000000 ] && [ "$park" != 0x0000000000000000 ] && [ "$park" != none ] &&
	[ "${3:-}" = "$park" ] && [ "${4:-}" = "$park" ]; echo $?) \
	"rpi3 shell: release words: core 0's still 0, cores 1-3's all $park ($words)"
parked=0
if [ "$park" != none ]; then
	for c in 1 2 3; do
		pc=$(grep -aA1 -E "^CPU#$c\$" "$log" | grep -aoE 'PC=[0-9a-f]{16}' | cut -d= -f2)
		pstate=$(grep -aA40 -E "^CPU#$c\$" "$log" | grep -aoE 'PSTATE=[0-9a-f]{8}' | head -1 | cut -d= -f2)
		off=$(( 0x${pc:-0} - park ))
		[ "$off" -ge 4 ] && [ "$off" -le 8 ] && [ $(( 0x${pstate:-0} & 0x3c0 )) = $(( 0x3c0 )) ] &&
			parked=$((parked + 1))
	done
fi
is_parked=$([ "$parked" = 3 ]; echo $?)
ok $is_parked "rpi3 shell: cores 1-3 wait in secondary_park's WFI loop, DAIF masked ($parked of 3)"
[ $is_parked -eq 0 ] || show_log "$log" 30
done_testing
