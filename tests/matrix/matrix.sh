# make test-matrix: every self-test suite on one configuration, as TAP, one
# line per suite with its time (tests/e2e/ktap.sh says which boot runs what).
# Each tests/matrix/*.t is one configuration:
#   . "$(dirname "$0")/matrix.sh"; matrix_config LABEL RUNNER TIMEOUT VAR=VALUE...
# TIMEOUT is per boot. Logs and the time tables go to build/matrix/.
. "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
. tests/e2e/ktap.sh
LOGDIR=build/matrix
mkdir -p "$LOGDIR"

matrix_config() {
	local label=$1 runner=$2 t=$3 all n
	shift 3
	all=$(selftest_suites)
	n=$(echo "$all" | tr ',' '\n' | grep -c .)
	ok $([ "$n" -gt 10 ]; echo $?) "$label: the kernel lists its self-test suites ($n)"
	selftest_config "$label" "$runner" "$all" "$t" "$@"
	done_testing
}
