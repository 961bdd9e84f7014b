# Shared helpers for the end-to-end tests: boot QEMU, capture the serial
# log, print TAP. Each test file sources this, calls plan/ok/like, and ends
# with done_testing. Logs are kept in build/e2e/ for reading after a failure.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LOGDIR=build/e2e
mkdir -p "$LOGDIR"
_n=0
_failed=0

ok() {	# ok CONDITION-EXIT-STATUS DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_n - $2"
	else
		echo "not ok $_n - $2"
		_failed=$((_failed + 1))
	fi
}

# skip DESCRIPTION REASON: a check that could not be made here, as TAP's
# "ok N - DESCRIPTION # SKIP REASON": prove counts it as skipped, not as
# passed, and tests/run-all.sh lists it.
skip() {
	_n=$((_n + 1))
	echo "ok $_n - $1 # SKIP $2"
}

# ktap_skips LOG LABEL: for each self-test case the KTAP in LOG reports as
# skipped ("    ok N CASE # SKIP REASON" after "    # Subtest: SUITE", as
# kernel/selftest.c prints it), one TAP line "ok M - LABEL: SUITE/CASE #
# SKIP REASON". Failed cases are not reported here: check for "not ok".
ktap_skips() {
	local name reason
	while IFS=$'\t' read -r name reason; do
		skip "$2: $name" "$reason"
	done < <(awk '
		/^    # Subtest: / { suite = $3; next }
		/^    ok [0-9]+ [^ ]+ # SKIP/ {
			reason = $0
			sub(/^    ok [0-9]+ [^ ]+ # SKIP */, "", reason)
			print suite "/" $3 "\t" reason
		}' "$1")
}

# like LOGFILE REGEX DESCRIPTION: the log has a line matching REGEX (grep -E).
like() {
	grep -qE -- "$2" "$1"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || echo "#   no line matching /$2/ in $1"
}

unlike() {
	! grep -qE -- "$2" "$1"
	local st=$?
	ok $st "$3"
	[ $st -eq 0 ] || { echo "#   unexpected line matching /$2/ in $1:"; grep -E -- "$2" "$1" | head -3 | sed 's/^/#   /'; }
}

# boot LOG TIMEOUT [QEMU ARGS...]: run qemu/run.sh (environment knobs apply)
# with stdin from $INPUT (default: nothing); sets $status to QEMU's exit status.
boot() {
	local log=$1 t=$2
	shift 2
	if [ -n "${INPUT:-}" ]; then
		printf '%b' "$INPUT" | timeout "$t" bash qemu/run.sh "$@" > "$log" 2>&1
	else
		timeout "$t" bash qemu/run.sh "$@" < /dev/null > "$log" 2>&1
	fi
	status=$?
	tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
}

# Print the log as TAP comments (on failure, so prove -v shows why).
show_log() {
	sed 's/^/#   | /' "$1" | tail -n "${2:-60}"
}

done_testing() {
	echo "1..$_n"
	[ $_failed -eq 0 ]
}

# Every self-test suite but the four that fill RAM and swap (demand, reclaim,
# swap_integrity, oom): the boot-path tests run these, selftest.t runs all once.
QUICK_SUITES=mmu,exception,irq,smp,printk,fdt,bitmap,rbtree,memblock,buddy,slub,pgtable,asid,tlb,fpsimd,zram,zsmalloc,lru_gen,fault,uaccess,mm_exit
