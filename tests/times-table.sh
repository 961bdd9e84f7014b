#!/usr/bin/env bash
# Print the time tables tests/e2e/ktap.sh appended to DIR/selftest-*.txt.
dir=${1:-build/e2e}
if [ -s "$dir/selftest-suites.txt" ]; then
	echo "self-test suites ($dir/selftest-suites.txt):"
	{ printf 'configuration\tsuite\tresult\tseconds\tmode\n'; cat "$dir/selftest-suites.txt"; } |
		column -t -s $'\t' | sed 's/^/  /'
fi
if [ -s "$dir/selftest-times.txt" ]; then
	echo "self-test boots ($dir/selftest-times.txt):"
	{ printf 'configuration\tboot\texit\tverdict\tseconds\n'; cat "$dir/selftest-times.txt"; } |
		column -t -s $'\t' | sed 's/^/  /'
fi
if [ -s "$dir/selftest-times.txt" ]; then
	echo "self-test time per configuration (sum of its boots):"
	awk -F'\t' '!($1 in t) { order[n++] = $1 } { t[$1] += $5 }
		END { for (i = 0; i < n; i++) printf "  %-28s %7.1f s\n", order[i], t[order[i]] }' "$dir/selftest-times.txt"
fi
