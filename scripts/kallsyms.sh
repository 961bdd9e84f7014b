#!/usr/bin/env bash
# Turn `nm -n` output (on stdin) into an assembly table of text symbols, so a
# backtrace can name functions (Linux: scripts/kallsyms.c). Sorted by address.
set -euo pipefail
echo '	.section .kallsyms, "a"'
echo '	.balign 8'
echo '	.globl kallsyms_num, kallsyms_addrs, kallsyms_names'
syms=$(awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\$/ && $3 !~ /^\.L/ { print $1, $3 }' || true)
n=$(printf '%s' "$syms" | grep -c . || true)
echo "kallsyms_num: .quad $n"
echo 'kallsyms_addrs:'
printf '%s\n' "$syms" | awk 'NF == 2 { print "	.quad 0x" $1 }'
echo 'kallsyms_names:'
printf '%s\n' "$syms" | awk 'NF == 2 { print "	.asciz \"" $2 "\"" }'
