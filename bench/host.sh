#!/usr/bin/env bash
# The host half of `make bench`: instructions (callgrind's Ir) per allocation
# and per free, for the same rounds bench/bench.c times under QEMU, run by
# bench/host/bench_mm.c (the real mm/ code, -O2, no sanitizers).
#
# For each case and each of the two functions (allocation, free), callgrind
# collects only inside that function (--toggle-collect, so callees count and
# the loop does not), once with N rounds and once with 2N. The difference
# divided by N * 256 is the cost of one call: start-up, the memblock hand-over
# and the warm-up round are in both runs and cancel out.
#
#   bench/host.sh [build/host/bench_mm]     N=8 rounds by default
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/host/bench_mm}
N=${N:-8}
BURST=256

if ! command -v valgrind > /dev/null; then
	echo "bench-host: valgrind is not installed (Debian package valgrind); skipped"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ir FUNCTION CASE ROUNDS: Ir spent inside FUNCTION (inclusive) in one run.
ir() {
	valgrind --tool=callgrind --callgrind-out-file="$tmp/out" --toggle-collect="$1" \
		"$bin" "$2" "$3" > /dev/null 2> "$tmp/err" ||
		{ echo "bench-host: $bin $2 $3 failed:" >&2; cat "$tmp/err" >&2; exit 1; }
	awk '/^(summary|totals):/ { print $2; exit }' "$tmp/out"
}

# per_call FUNCTION CASE: Ir per call, two decimals.
per_call() {
	local one two
	one=$(ir "$1" "$2" "$N")
	two=$(ir "$1" "$2" $((2 * N)))
	awk -v a="$one" -v b="$two" -v n=$((N * BURST)) 'BEGIN { printf "%.2f", (b - a) / n }'
}

echo "bench-host: Ir (instructions) per call under valgrind --tool=callgrind, host $(uname -m), gcc -O2"
echo "bench-host: each case: rounds of $BURST allocations then $BURST frees; Ir inside the function, $((2 * N)) rounds minus $N"
printf 'bench-host: %-42s %9s %9s\n' operation alloc free
while read -r name afn ffn label; do
	printf 'bench-host: %-42s %9s %9s\n' "$label" "$(per_call "$afn" "$name")" "$(per_call "$ffn" "$name")"
done <<'CASES'
order0-pcp alloc_pages __free_pages alloc_pages/__free_pages order 0, pcp on
order0-nopcp alloc_pages __free_pages alloc_pages/__free_pages order 0, pcp off
order3 alloc_pages __free_pages alloc_pages/__free_pages order 3
kmalloc64 kmalloc kfree kmalloc/kfree 64 bytes
kmalloc1024 kmalloc kfree kmalloc/kfree 1024 bytes
CASES
