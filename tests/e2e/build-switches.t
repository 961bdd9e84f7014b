#!/usr/bin/env bash
# make SELFTEST=0 BENCH=0: a kernel without the self-test suites, their
# runner and the bench boot mode. Built into its own directory
# (build/noselftest-nobench/, see the Makefile), so build/kernel8.img, which
# the other tests boot, is left as it was. Checked with the cross nm against
# the default kernel: the symbols present there are gone here, the image is
# smaller, and the shell and the boot modes say "not built in".
. "$(dirname "$0")/lib.sh"

NM=aarch64-linux-gnu-nm
V=build/noselftest-nobench
# make must not see the MAKEFLAGS of a `make test` that runs this file.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }
log=$LOGDIR/build-switches.log

mk -j2 all > "$log" 2>&1
ok $? "make all (the default kernel, to compare with)"
sum_before=$(cksum < build/kernel8.img)
# Relinked every time (a few seconds): the checks below must never read the
# images of an earlier run.
rm -f $V/kernel.pass1.elf $V/kernel.elf $V/kernel8.img
mk -j2 SELFTEST=0 BENCH=0 >> "$log" 2>&1
st=$?
ok $st "make SELFTEST=0 BENCH=0 exits 0"
[ $st -eq 0 ] || show_log "$log" 20
ok $([ "$(cksum < build/kernel8.img)" = "$sum_before" ]; echo $?) \
	"build/kernel8.img is untouched by the SELFTEST=0 BENCH=0 build"
ok $([ -f $V/kernel8.img ] && [ -f $V/kernel.elf ]; echo $?) "the image is $V/kernel8.img"
ok $([ -z "$(find $V -name '*_test.o' -o -name selftest.o -o -path "$V/bench/*")" ]; echo $?) \
	"no *_test.o, selftest.o or bench/ object compiled into $V/"

mk -n SELFTEST=2 > "$LOGDIR/build-switches-bad.out" 2>&1
ok $([ $? -ne 0 ]; echo $?) "make SELFTEST=2 is refused"
like "$LOGDIR/build-switches-bad.out" 'SELFTEST=2: must be 0 or 1' "with the reason"

$NM build/kernel.elf > "$LOGDIR/nm-default.txt"
$NM $V/kernel.elf > "$LOGDIR/nm-noselftest-nobench.txt"
# suites NM-OUTPUT: the .selftest_suites entries (8-byte pointers), from the
# section's start and stop symbols.
suites() {
	local a b
	a=$(awk '$3 == "__start_selftest_suites" { print $1 }' "$1")
	b=$(awk '$3 == "__stop_selftest_suites" { print $1 }' "$1")
	if [ -n "$a" ] && [ -n "$b" ]; then echo $(( (0x$b - 0x$a) / 8 )); else echo none; fi
}
n_default=$(suites "$LOGDIR/nm-default.txt")
n_variant=$(suites "$LOGDIR/nm-noselftest-nobench.txt")
ok $([ "$n_default" != none ] && [ "$n_default" -gt 10 ]; echo $?) \
	"the default kernel has .selftest_suites entries ($n_default)"
ok $([ "$n_variant" = 0 ]; echo $?) "the SELFTEST=0 kernel has none ($n_variant)"
# Symbols of test code (*_test.c: __selftest_*_suite, enter_test_mm ...) and
# of the runner (kunit_check, selftest_run, selftest_boot ...).
test_re='_test|kunit|selftest_(run|boot|list|free_pages)|^__selftest_'
ntest=$(awk '{ print $NF }' "$LOGDIR/nm-default.txt" | grep -cE "$test_re")
ok $([ "$ntest" -gt 20 ]; echo $?) "the default kernel has test symbols ($ntest)"
awk '{ print $NF }' "$LOGDIR/nm-noselftest-nobench.txt" > "$LOGDIR/nm-names.txt"
unlike "$LOGDIR/nm-names.txt" "$test_re" "the SELFTEST=0 kernel has no test symbol"
# bench/*.c: run_benchmarks, sched_bench, zram_bench, bench_cases, parse_bench.
nbench=$(awk '{ print $NF }' "$LOGDIR/nm-default.txt" | grep -ciE 'bench')
ok $([ "$nbench" -ge 4 ]; echo $?) "the default kernel has bench symbols ($nbench)"
unlike "$LOGDIR/nm-names.txt" '[Bb][Ee][Nn][Cc][Hh]' "the BENCH=0 kernel has no bench symbol"

s_default=$(stat -c %s build/kernel8.img)
s_variant=$(stat -c %s $V/kernel8.img)
ok $([ "$s_variant" -lt "$s_default" ]; echo $?) \
	"the image is smaller: $s_variant bytes, default $s_default"

# The callers left in (the shell's selftest command, the boot modes) say so.
KERNEL=$V/kernel8.img INPUT='selftest\npoweroff\n' boot "$LOGDIR/build-switches-shell.log" 60
like "$LOGDIR/build-switches-shell.log" '^selftest: not built in \(make SELFTEST=1\)' \
	"the shell's selftest says it is not built in"
KERNEL=$V/kernel8.img BOOTARGS='bench semihosting' SEMIHOSTING=1 \
	boot "$LOGDIR/build-switches-bench.log" 60
like "$LOGDIR/build-switches-bench.log" '^bench: not built in \(make BENCH=1\)' \
	"the bench boot mode says it is not built in"
ok $([ "$status" -ne 0 ]; echo $?) "and ends QEMU with a failure status ($status)"
done_testing
