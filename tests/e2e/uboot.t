#!/usr/bin/env bash
# The U-Boot boot path: QEMU virt runs Debian's U-Boot as firmware, distro
# boot finds boot.scr on a virtio disk (MBR + FAT), the script loads the
# unchanged build/kernel8.img and booti's it (qemu/uboot.sh). At EL1 and at
# EL2 (virtualization=on); the self-tests must pass, a failure must show.
# Self-test runs use ICOUNT=1 (the counter ticks once per instruction): the
# irq suite's tick-rate check then does not depend on how busy the host is.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/session.sh"

for cfg in "EL2=0 GIC=2" "EL2=1 GIC=3"; do
	name=$(echo "$cfg" | tr ' =' '_-')
	log=$LOGDIR/uboot-selftest-$name.log
	want_el=1; [[ $cfg == *EL2=1* ]] && want_el=2
	env $cfg ICOUNT=1 SEMIHOSTING=1 BOOTARGS="selftest=$QUICK_SUITES semihosting selftest.expect_mem=1G" \
		timeout 300 bash qemu/uboot.sh < /dev/null > "$log" 2>&1
	st=$?
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
	ok $st "uboot ($cfg): selftest exits 0"
	like "$log" '^U-Boot 20[0-9.]+' "uboot ($cfg): Debian's U-Boot ran"
	like "$log" '^Found U-Boot script /boot.scr' "uboot ($cfg): distro boot found boot.scr on the disk"
	like "$log" '^boot.scr: loading kernel8.img from virtio 0:1' "uboot ($cfg): from the virtio disk's FAT partition"
	like "$log" '^Starting kernel' "uboot ($cfg): booti started the kernel"
	like "$log" "^Entered at EL$want_el, running at EL1" "uboot ($cfg): entered at EL$want_el"
	like "$log" '^selftest: PASS' "uboot ($cfg): selftest PASS"
	unlike "$log" '^not ok|^ +not ok' "uboot ($cfg): no failed case"
	ktap_skips "$log" "uboot ($cfg)"
	[ $st -eq 0 ] || show_log "$log"
done

# The failure path survives U-Boot: an injected failure gives exit status 1.
log=$LOGDIR/uboot-inject.log
ICOUNT=1 SEMIHOSTING=1 BOOTARGS="selftest=printk semihosting selftest.inject_failure" \
	timeout 300 bash qemu/uboot.sh < /dev/null > "$log" 2>&1
st=$?
ok $([ $st -eq 1 ]; echo $?) "uboot: selftest.inject_failure exits 1 (got $st)"

# The shell through U-Boot: bootargs from boot.scr, typing after the prompt.
log=$LOGDIR/uboot-shell.log
BOOTARGS="hz=250" session_start "$log" bash qemu/uboot.sh
if session_wait "Type 'help' for commands" 60; then
	session_send 'interrupts\n'
	session_wait '^jiffies: ' 10
	session_send 'poweroff\n'
fi
session_end 20
ok $status "uboot shell: poweroff (PSCI through U-Boot's DT) exits 0 (status $status)"
like "$log" '^Kernel command line: hz=250' "uboot shell: bootargs set by boot.scr reach the kernel"
like "$log" '^arch_timer: .*HZ=250' "uboot shell: and take effect"
like "$log" '^Kernel image: phys \[0x0*404[0-9a-f]{5}-' "uboot shell: loaded where booti put it (0x404xxxxx), not QEMU's 0x40200000"
like "$log" '^ +27: +[1-9][0-9]* +GIC' "uboot shell: timer interrupts counted"
like "$log" '^Power down' "uboot shell: powered down"
[ $status -eq 0 ] || show_log "$log"
done_testing
