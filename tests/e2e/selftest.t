#!/usr/bin/env bash
# The self-test boot mode, one TAP line per (configuration, suite) with its
# time (tests/e2e/ktap.sh: which suites run under -icount, which in a boot of
# their own). Every suite must pass.
#   - every suite at two RAM sizes 4x apart, 128 MiB and 512 MiB (the suites
#     that fill RAM and swap size themselves from the machine);
#   - the quick suites (all but those that fill memory) at 256 MiB with EL2
#     entry and GICv3, and with CPU=max (PAN, hardware AF and DBM exist there).
# `make test-matrix` runs every suite at more sizes and on raspi4b.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ktap.sh"

all=$(selftest_suites)
n=$(echo "$all" | tr ',' '\n' | grep -c .)
ok $([ "$n" -gt 10 ]; echo $?) "the kernel lists its self-test suites ($n: $all)"

# The harness itself (tests/e2e/ktap.sh): a failing suite gives "not ok" with
# the expectation that failed, a suite that never reports gives "not ok".
out=$LOGDIR/ktap-harness.out
( LOGDIR=$LOGDIR/ktap-harness; mkdir -p "$LOGDIR"; _n=0
  BOOTARGS=selftest.inject_failure selftest_config inject qemu/run.sh inject_failure 60 MEM=128M
  selftest_config missing qemu/run.sh nosuchsuite 60 MEM=128M ) > "$out" 2>&1
like "$out" '^not ok 1 - inject: inject_failure \(' "harness: a failing suite is not ok"
like "$out" '^#   +# injected_failure: EXPECTATION FAILED at kernel/selftest\.c:[0-9]+' "harness: the failed expectation is shown"
like "$out" '^ok 2 - inject: boot \[inject_failure\] ends with the kernel.s verdict \(FAIL, exit status 1, 1 failed' \
	"harness: a boot that ends with FAIL and exit status 1 is a proper end"
like "$out" '^not ok 3 - missing: nosuchsuite: no result' "harness: a suite without a result line is not ok"
like "$out" '^not ok 4 - missing: boot \[nosuchsuite\] ends with .*FAIL, exit status 1, 0 failed' \
	"harness: FAIL without a failed suite is not a proper end"

for mem in 128M 512M; do
	selftest_config "virt $mem" qemu/run.sh "$all" 600 MEM=$mem EXPECT_MEM=$mem EL2=0 GIC=2
done
for cfg in "EL2=1 GIC=2" "EL2=0 GIC=3" "EL2=1 GIC=3" "CPU=max"; do
	selftest_config "virt 256M $cfg" qemu/run.sh "$QUICK_SUITES" 300 MEM=256M EXPECT_MEM=256M $cfg
done
like "$LOGDIR/selftest-virt_256M_CPU_max-quick1.log" '; PAN on; hardware AF on, dirty \(DBM\) on$' \
	"CPU=max: the suites ran with PAN, hardware AF and DBM on"
done_testing
