#!/usr/bin/env bash
# The self-test boot mode on every QEMU configuration the foundation supports:
# EL1 and EL2 entry, GICv2 and GICv3. The first runs every suite (256 MiB of
# RAM keeps the reclaim workloads, which fill RAM and swap, short); the others
# run every suite but the four that fill memory. Each must pass and exit 0.
. "$(dirname "$0")/lib.sh"

quick=$QUICK_SUITES
for cfg in "EL2=0 GIC=2 SUITES=" "EL2=1 GIC=2 SUITES=$quick" "EL2=0 GIC=3 SUITES=$quick" "EL2=1 GIC=3 SUITES=$quick"; do
	name=$(echo "$cfg" | cut -d' ' -f1,2 | tr ' =' '_-')
	log=$LOGDIR/selftest-$name.log
	suites=${cfg##*SUITES=}
	sel=selftest; [ -n "$suites" ] && sel="selftest=$suites"
	env ${cfg% SUITES=*} MEM=256M ICOUNT=1 SEMIHOSTING=1 \
		BOOTARGS="$sel semihosting selftest.expect_mem=256M ${BOOTARGS:-}" \
		bash -c ". tests/e2e/lib.sh >/dev/null; boot $log 900; exit \$status"
	st=$?
	label="${cfg% SUITES=*}${suites:+, quick suites}"
	ok $st "selftest ($label) exits 0"
	like "$log" '^selftest: PASS' "selftest ($label) prints PASS"
	unlike "$log" '^not ok|^ +not ok' "selftest ($label) has no failed case"
	ktap_skips "$log" "selftest ($label)"
	[ $st -eq 0 ] || show_log "$log"
done
done_testing
