#!/usr/bin/env bash
# The self-test boot mode on every QEMU configuration the foundation supports:
# EL1 and EL2 entry, GICv2 and GICv3. Each must pass every suite and exit 0.
. "$(dirname "$0")/lib.sh"

for cfg in "EL2=0 GIC=2" "EL2=1 GIC=2" "EL2=0 GIC=3" "EL2=1 GIC=3"; do
	name=$(echo "$cfg" | tr ' =' '_-')
	log=$LOGDIR/selftest-$name.log
	env $cfg ICOUNT=1 SEMIHOSTING=1 BOOTARGS="selftest semihosting selftest.expect_mem=${MEM:-1G} ${BOOTARGS:-}" \
		bash -c ". tests/e2e/lib.sh >/dev/null; boot $log 300; exit \$status"
	st=$?
	ok $st "selftest ($cfg) exits 0"
	like "$log" '^selftest: PASS' "selftest ($cfg) prints PASS"
	unlike "$log" '^not ok|^ +not ok' "selftest ($cfg) has no failed case"
	[ $st -eq 0 ] || show_log "$log"
done
done_testing
