#!/usr/bin/env bash
# The boot banner, bad input, the oops report and the failure path.
. "$(dirname "$0")/lib.sh"

for cfg in "EL2=0 GIC=2" "EL2=1 GIC=3"; do
	log=$LOGDIR/banner-$(echo "$cfg" | tr ' =' '_-').log
	INPUT='poweroff\n' env $cfg bash -c ". tests/e2e/lib.sh >/dev/null; boot $log 60 ; exit \$status"
	want_el=1; [[ $cfg == *EL2=1* ]] && want_el=2
	want_gic=GICv2; [[ $cfg == *GIC=3* ]] && want_gic=GICv3
	like "$log" "^Entered at EL$want_el, running at EL1 from the high half" "banner ($cfg): entry EL$want_el"
	like "$log" '^Machine model: linux,dummy-virt' "banner ($cfg): model from the DT"
	like "$log" '^DTB: phys 0x[0-9a-f]+, [0-9]+ bytes' "banner ($cfg): DTB address and size"
	like "$log" 'memory +\[0x0000000040000000-0x000000007fffffff\] +1048576 KiB' "banner ($cfg): /memory range"
	like "$log" '^Kernel image: phys \[0x0000000040200000-' "banner ($cfg): image range"
	like "$log" "^$want_gic: " "banner ($cfg): $want_gic found in the DT"
	like "$log" '^arch_timer: .*HZ=100' "banner ($cfg): timer ticking"
	like "$log" '^Power down' "shell ($cfg): poweroff from piped stdin"
done

# The tick rate is a boot argument.
log=$LOGDIR/hz.log
INPUT='poweroff\n' BOOTARGS="hz=250 bogus_param=1" boot "$log" 60
like "$log" 'HZ=250' "hz=250 sets the tick rate"
like "$log" 'Unknown kernel command line parameters "bogus_param=1", ignored' "unknown boot argument reported"

# An unexpected exception: decoded report, backtrace with symbols, panic, non-zero exit.
log=$LOGDIR/oops.log
SEMIHOSTING=1 BOOTARGS="test.oops=null semihosting" boot "$log" 60
ok $([ $status -ne 0 ]; echo $?) "oops: QEMU exits non-zero (status $status)"
like "$log" 'ESR_EL1 0x96000044: EC 0x25 \(DABT \(current EL\)\)' "oops: ESR with the class decoded"
like "$log" 'translation fault at level 0, write access' "oops: fault status decoded"
like "$log" 'FAR_EL1 0x0000000000000000' "oops: FAR"
like "$log" '^pc : 0x[0-9a-f]+ oops_null_deref\+0x' "oops: pc named"
like "$log" '^x29: [0-9a-f]{16} x28' "oops: general registers"
like "$log" '^ 0x[0-9a-f]+ start_kernel\+0x' "oops: backtrace reaches start_kernel"
like "$log" '^Kernel panic - not syncing: Fatal exception' "oops: panics with a reason"

log=$LOGDIR/undef.log
SEMIHOSTING=1 BOOTARGS="test.oops=undef semihosting" boot "$log" 60
like "$log" 'EC 0x00 \(Unknown/Uncategorized\)' "undefined instruction decoded"

# No DTB in x0 (the image started by QEMU's generic loader: x0 = 0).
log=$LOGDIR/nodtb.log
timeout 20 qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1G -nographic -nic none \
	-device loader,file=build/kernel8.img,addr=0x40200000 \
	-device loader,addr=0x40200000,cpu-num=0 < /dev/null > "$log" 2>&1
like "$log" 'invalid device tree blob at physical address 0x0: x0 is 0' "no DTB: clear message"
like "$log" '^System halted' "no DTB: halts instead of faulting"
unlike "$log" 'Internal error' "no DTB: no exception loop"

# A bad DTB (QEMU loads a file with the wrong magic at the DTB address).
log=$LOGDIR/baddtb.log
head -c 4096 /dev/zero > "$LOGDIR/zero.dtb"
timeout 20 qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1G -nographic -nic none \
	-device loader,file=build/kernel8.img,addr=0x40200000 \
	-device loader,file="$LOGDIR/zero.dtb",addr=0x48000000 \
	-device loader,addr=0x40200000,cpu-num=0 < /dev/null > "$log" 2>&1
like "$log" 'invalid device tree blob' "bad DTB: clear message" 

# The failure path: one injected failing case makes the run fail.
log=$LOGDIR/inject.log
SEMIHOSTING=1 BOOTARGS="selftest=printk semihosting selftest.inject_failure" boot "$log" 300
ok $([ $status -eq 1 ]; echo $?) "selftest.inject_failure: exit status 1 (got $status)"
like "$log" '^not ok [0-9]+ inject_failure' "selftest.inject_failure: KTAP reports it"
like "$log" 'EXPECTATION FAILED at kernel/selftest.c:[0-9]+' "failure names file:line"
done_testing
