#!/usr/bin/env bash
# Instructions per zram_write_page / zram_read_page / zram_free_slot on the
# host (x86-64: the counts are the host's, use them to compare cases, not
# as arm64 numbers; make bench gives those). Runs build/host/bench_zram
# (bench/host/bench_zram.c) under callgrind once per lz4 entry point and
# content, and divides the inclusive cost of its bench_write/bench_read/
# bench_free loops by the page count.
# Text = this repository's docs/*.md, binary = build/kernel8.img.
# glibc's memset/memcpy use "rep stosb/movsb" above a threshold, which
# callgrind counts once per byte: raise the threshold so they loop like the
# kernel's lib/string.c and the counts mean instructions.
set -euo pipefail
export GLIBC_TUNABLES=glibc.cpu.x86_rep_stosb_threshold=0x10000000:glibc.cpu.x86_rep_movsb_threshold=0x10000000
cd "$(dirname "$0")/.."
bin=${1:-build/host/bench_zram}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat docs/*.md > "$tmp/text"
binary=build/kernel8.img
[ -f "$binary" ] || binary=/bin/bash
printf '%-9s %-7s %9s %9s %7s   %s\n' "lz4 via" "content" "write" "read" "free" "mm_stat"
for mode in fastreset extstate stream; do
	for content in text binary random zero; do
		out="$tmp/cg.$mode.$content"
		ZRAM_BENCH_MODE=$mode ZRAM_BENCH_CONTENT=$content \
			valgrind --tool=callgrind --callgrind-out-file="$out" \
			"$bin" "$tmp/text" "$binary" > "$tmp/log" 2>/dev/null
		n=$(sed -n 's/^bench: \([0-9]*\) pages.*/\1/p' "$tmp/log")
		mm=$(sed -n 's/^# mm_stat: *//p' "$tmp/log")
		cost() {	# inclusive Ir of function $1
			callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
				awk -v f=":$1[. ]" '$0 ~ f { gsub(",", "", $1); print $1; exit }'
		}
		printf '%-9s %-7s %9d %9d %7d   %s\n' "$mode" "$content" \
			$(( $(cost bench_write) / n )) $(( $(cost bench_read) / n )) \
			$(( $(cost bench_free) / n )) "$mm"
	done
done
