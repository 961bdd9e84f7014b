# The self-test boot mode as TAP, one line per (configuration, suite), with
# the time each suite took. Used by selftest.t, rpi4.t and the longer
# tests/matrix/selftest-matrix.t. Source after lib.sh.
#
#   selftest_suites                    every suite the kernel has, comma-separated
#                                      (asked from build/kernel8.img itself)
#   selftest_config LABEL RUNNER SUITES TIMEOUT [VAR=VALUE...]
#       runs SUITES (comma-separated) on qemu/RUNNER with the environment
#       VAR=VALUE... (MEM=, CPU=, EL2=...; EXPECT_MEM=SIZE adds
#       selftest.expect_mem) and prints, per suite, "ok N - LABEL: SUITE (T s)"
#       or "not ok" with the failed cases and their messages, plus one line per
#       boot: it ended with the kernel's verdict, not a panic or a timeout.
#
# Which boot runs what:
#   - The suites that need the counter to follow the instructions run under
#     -icount (ICOUNT=1), together in one boot: ICOUNT_SUITES below. Under
#     -icount, time the guest spends idle costs nothing, so the suites that
#     sleep a lot (oom's memhogs sleep 30 s) are also much quicker there.
#   - The other quick suites (lib.sh's QUICK_SUITES) run together without
#     -icount: the grouping they have in a full `selftest` boot.
#   - Every other suite (the ones that fill RAM and swap, and any suite added
#     later) runs in a boot of its own, without -icount unless listed in
#     ICOUNT_SUITES: QEMU is much faster without it when filling memory, a
#     hang or a panic costs only that suite, and its time is its own.
#   TIMEOUT (seconds) applies to each boot.
#
# Logs: $LOGDIR/selftest-<label>-<group>.log, and beside each a .times file
# (seconds since QEMU started, tab, the line) from which the times come.
# One line per boot is appended to $LOGDIR/selftest-times.txt (label, boot,
# exit status, verdict, seconds) and one per suite to selftest-suites.txt
# (label, suite, ok / not ok / no result, seconds, -icount or not).

# irq: ten ticks must take ten tick intervals of the counter, within one; on
#      a busy 2-core host QEMU's real-time timer misses that.
# lru_gen: waits 2 s for a memhog to have touched its pages (a race against
#      wall time); idle time is free under -icount, so it is also quicker.
# oom: its small memhogs sleep 30 s: idle time, free under -icount (9 s
#      instead of 2 minutes at 256 MiB).
# The same with four CPUs (virt's default -smp 4, and raspi4b): -icount makes
# QEMU run the cores in turn, but cores 1-3 sit in the kernel's idle loop,
# WFI with IRQs on, woken only by IPIs (arch/arm64/kernel/smp.c; their timer
# PPI stays off), so idle time is free there too and CPU 0's ticks keep their
# rate (irq, lru_gen and oom on raspi4b: 35 s).
ICOUNT_SUITES=${ICOUNT_SUITES:-irq,lru_gen,oom}

# The kernel's command-line filter keeps at most 127 characters of
# selftest=... (kernel/selftest.c); longer lists are split over boots.
SELFTEST_FILTER_MAX=127

_in_list() {	# _in_list NAME A,B,C
	case ",$2," in *",$1,"*) return 0 ;; esac
	return 1
}

selftest_suites() {
	local log=$LOGDIR/selftest-list.log
	SEMIHOSTING=1 MEM=128M BOOTARGS="selftest=- semihosting" timeout 60 bash qemu/run.sh < /dev/null > "$log" 2>&1
	tr -d '\r' < "$log" | sed -n 's/^suites: *//p' | head -1 | tr -s ' ' ','
}

# _selftest_boot LOG TIMEOUT RUNNER SUITES [VAR=VALUE...]: one boot; sets
# $status (QEMU's, 124 on timeout) and $elapsed (seconds, one decimal).
_selftest_boot() {
	local log=$1 t=$2 runner=$3 suites=$4 expect=
	shift 4
	local v
	for v in "$@"; do
		case $v in EXPECT_MEM=*) expect="selftest.expect_mem=${v#EXPECT_MEM=}" ;; esac
	done
	env "$@" SEMIHOSTING=1 BOOTARGS="selftest=$suites semihosting $expect ${BOOTARGS:-}" \
		timeout "$t" bash "$runner" < /dev/null 2>&1 |
		perl -MTime::HiRes=time -e '
			my ($log) = @ARGV; my $t0 = time;
			open(my $l, ">", $log) or die; open(my $ts, ">", "$log.times") or die;
			while (<STDIN>) { s/\r//g; print $l $_; printf $ts "%.3f\t%s", time - $t0, $_; }
			printf $ts "%.3f\t(end)\n", time - $t0;' "$log"
	status=${PIPESTATUS[0]}
	elapsed=$(awk -F'\t' 'END { printf "%.1f", $1 }' "$log.times")
}

# _selftest_report LABEL LOG SUITES WHAT NOTE: the per-suite lines of one boot.
_selftest_report() {
	local label=$1 log=$2 suites=$3 what=$4 note=$5 s line t
	for s in ${suites//,/ }; do
		line=$(grep -E "^(not )?ok [0-9]+ $s\$" "$log" | head -1)
		t=$(awk -F'\t' -v s="$s" '$2 == "    # Subtest: " s { t0 = $1 }
			$2 ~ ("^(not )?ok [0-9]+ " s "$") && t0 != "" { printf "%.1f", $1 - t0; exit }' "$log.times")
		if [ -z "$line" ]; then
			ok 1 "$label: $s: no result ($what ended with status $status after ${elapsed}s)"
			show_log "$log" 25
			printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$s" "no result" "-" "${note#, }" >> "$LOGDIR/selftest-suites.txt"
			continue
		fi
		printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$s" "${line%% [0-9]*}" "$t" "${note#, }" >> "$LOGDIR/selftest-suites.txt"
		case $line in ok*) ok 0 "$label: $s (${t}s$note)" ;;
		*)	ok 1 "$label: $s (${t}s$note)"
			# The suite's failed cases and their expectations, then what the
			# kernel said meanwhile about OOM kills, oopses and panics.
			awk -v s="$s" '$0 == "    # Subtest: " s { on = 1 } on { print } on && $0 ~ ("^(not )?ok [0-9]+ " s "$") { exit }' \
				"$log" > "$log.suite"
			{ grep -E '^ +not ok|# .*EXPECTATION FAILED|# Expected |#   (left|right) ' "$log.suite" | head -40
			  grep -E 'Out of memory|Killed process|Internal error|Kernel panic|Oops' "$log.suite" | head -8; } |
				sed 's/^/#   /'
			rm -f "$log.suite" ;;
		esac
	done
}

# _selftest_group LABEL NAME RUNNER SUITES TIMEOUT ICOUNT [VAR=VALUE...]
_selftest_group() {
	local label=$1 name=$2 runner=$3 suites=$4 t=$5 icount=$6
	shift 6
	local log=$LOGDIR/selftest-$(echo "$label-$name" | tr -c 'A-Za-z0-9_.\n-' '_').log
	local note=
	[ "$icount" = 1 ] && note=", -icount"
	_selftest_boot "$log" "$t" "$runner" "$suites" "$@" ICOUNT="$icount"
	_selftest_report "$label" "$log" "$suites" "boot [$name]" "$note"
	ktap_skips "$log" "$label"	# each skipped case as a TAP skip, with its reason
	# The boot itself: it ends with the kernel's verdict (exit status 0 with
	# PASS, 1 with FAIL), not a timeout, a panic or a crash; and the verdict
	# agrees with the suites' lines (FAIL only with a failed suite among them).
	local verdict failed sane=1
	verdict=$(sed -n 's/^selftest: \(PASS\|FAIL\)$/\1/p' "$log" | tail -1)
	failed=$(grep -cE '^not ok [0-9]+ ' "$log")
	{ [ "$status:$verdict" = 0:PASS ] && [ "$failed" = 0 ]; } ||
		{ [ "$status:$verdict" = 1:FAIL ] && [ "$failed" -gt 0 ]; } || sane=0
	ok $((1 - sane)) "$label: boot [$name] ends with the kernel's verdict (${verdict:-none}, exit status $status, $failed failed suites, ${elapsed}s)"
	[ $sane = 1 ] || show_log "$log" 25
	printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$status" "${verdict:-none}" "$elapsed" >> "$LOGDIR/selftest-times.txt"
	echo "# $label [$name]: ${elapsed}s"
}

# Split a comma-separated list into chunks the kernel's filter takes whole.
_selftest_chunks() {
	local out= s
	for s in ${1//,/ }; do
		if [ -n "$out" ] && [ $((${#out} + 1 + ${#s})) -gt $SELFTEST_FILTER_MAX ]; then
			echo "$out"
			out=$s
		else
			out=${out:+$out,}$s
		fi
	done
	[ -z "$out" ] || echo "$out"
}

selftest_config() {
	local label=$1 runner=$2 suites=$3 t=$4 s timed= quick= chunk i=0
	shift 4
	local heavy=()
	for s in ${suites//,/ }; do
		if _in_list "$s" "$ICOUNT_SUITES" && _in_list "$s" "$QUICK_SUITES"; then
			timed=${timed:+$timed,}$s
		elif _in_list "$s" "$QUICK_SUITES"; then
			quick=${quick:+$quick,}$s
		else
			heavy+=("$s")
		fi
	done
	local config_t0=$SECONDS
	if [ -n "$timed" ]; then
		_selftest_group "$label" icount "$runner" "$timed" "$t" 1 "$@"
	fi
	while read -r chunk; do
		[ -n "$chunk" ] || continue
		i=$((i + 1))
		_selftest_group "$label" "quick$i" "$runner" "$chunk" "$t" 0 "$@"
	done <<< "$(_selftest_chunks "$quick")"
	for s in "${heavy[@]}"; do
		_in_list "$s" "$ICOUNT_SUITES" && i=1 || i=0
		_selftest_group "$label" "$s" "$runner" "$s" "$t" "$i" "$@"
	done
	echo "# $label: all boots $((SECONDS - config_t0))s"
}
