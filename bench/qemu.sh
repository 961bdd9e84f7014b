#!/usr/bin/env bash
# Boot once in the "bench" mode (bench/bench.c) and print its table: instructions
# per allocation and per free of the buddy allocator and kmalloc. ICOUNT=1 runs
# QEMU with -icount shift=4,align=off,sleep=off, so CNTVCT_EL0 ticks once per
# instruction and the numbers are the same on every run. A benchmark, not a
# test: the exit status only says whether the kernel got to the end.
# Knobs as in qemu/run.sh (MEM, CPU, KERNEL ...); BOOTARGS are appended.
set -uo pipefail
cd "$(dirname "$0")/.."
export ICOUNT=1 SEMIHOSTING=1
export BOOTARGS="bench semihosting ${BOOTARGS:-}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout "${TIMEOUT:-120}" bash qemu/run.sh < /dev/null > "$log" 2>&1
status=$?
tr -d '\r' < "$log" | grep '^bench:'
grep -q '^bench: done' "$log" || { echo "qemu-bench: no result (QEMU exit status $status); the log ends:"; tail -n 20 "$log"; exit 1; }
