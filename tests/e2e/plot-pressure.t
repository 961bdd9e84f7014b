#!/usr/bin/env bash
# scripts/plot-pressure.py (the host half of `make demo`) on a recorded
# timeline: tests/e2e/data/pressure-oom.log is a real serial log of
# `pressure` at MEM=128M that ended in the OOM killer (boot messages cut,
# everything after the command kept, OOM report interleaved). No QEMU.
#
# Parsing is always tested, with whatever python3 is first on PATH. The plot
# needs matplotlib (Debian's python3-matplotlib, which scripts/deps.sh installs):
# without it the plot check fails (no silent skip); the parse
# checks still run.
. "$(dirname "$0")/lib.sh"

D=$LOGDIR/plot-pressure
rm -rf "$D"
mkdir -p "$D"
FIX=tests/e2e/data/pressure-oom.log
PLOT=scripts/plot-pressure.py

# The python that has matplotlib, if any: Debian's /usr/bin/python3 first
# (the one `make demo` uses), then python3 on PATH.
PY=python3
MPL=
for p in /usr/bin/python3 python3; do
	if command -v "$p" > /dev/null && "$p" -c 'import matplotlib' 2> /dev/null; then
		PY=$p MPL=$p
		break
	fi
done

# The fixture's column header must still be the one mm/pressure.c prints.
hdr_c=$(sed -n 's/.*printk("pressure: *\(t_ms[^\\]*\)\\n");.*/\1/p' mm/pressure.c | tr -s ' ')
hdr_f=$(sed -n 's/^pressure: *\(t_ms.*\)$/\1/p' "$FIX" | tr -s ' ')
[ -n "$hdr_c" ] && [ "$hdr_c" = "$hdr_f" ]
ok $? "fixture header matches mm/pressure.c ('$hdr_c')"

"$PY" "$PLOT" "$FIX" --check > "$D/check.out" 2>&1
ok $? "--check parses the recorded log ($PY)"
like "$D/check.out" '^45 samples over 2\.35 s$' "every sample line read, interleaved kernel messages skipped"
like "$D/check.out" '^workload: memhog 139 MiB; RAM free 123 MiB, swap 31 MiB$' "workload line read"
like "$D/check.out" '^free pages: 31612 at start, 539 at the lowest, 31588 at the end$' "free pages"
like "$D/check.out" '^swap area: at most 7928 pages stored \(31\.0 MiB\) in 15\.5 MiB of RAM \(2\.0x\)$' "swap area peak and ratio"
like "$D/check.out" '^pswpout 7951, pswpin 8, kswapd_wakeup 6131, OOM kills 1$' "counters"
like "$D/check.out" '^memhog killed by signal 9$' "outcome"
[ ! -e "$D/pressure-oom.png" ] && [ ! -e tests/e2e/data/pressure-oom.png ]
ok $? "--check writes no file"

# Bad input: no timeline; a counter going backwards; time going backwards.
grep -v '^pressure:  ' "$FIX" > "$D/none.log"
"$PY" "$PLOT" "$D/none.log" --check > "$D/none.out" 2>&1
[ $? -eq 1 ]
ok $? "a log without samples is an error (exit 1)"
like "$D/none.out" 'no timeline' "  and says so"
sed 's/^\(pressure: *2350 .*\) 7951 /\1 7950 /' "$FIX" > "$D/back.log"
"$PY" "$PLOT" "$D/back.log" --check > "$D/back.out" 2>&1
[ $? -eq 1 ]
ok $? "pswpout decreasing is an error"
like "$D/back.out" 'pswpout decreases' "  and says which counter"
sed 's/^pressure: *2350 /pressure:   2000 /' "$FIX" > "$D/time.log"
"$PY" "$PLOT" "$D/time.log" --check > "$D/time.out" 2>&1
[ $? -eq 1 ]
ok $? "time going backwards is an error"

# The plot itself.
if [ -n "$MPL" ]; then
	"$MPL" "$PLOT" "$FIX" -o "$D/pressure.png" > "$D/plot.out" 2>&1
	ok $? "plots the recorded log ($MPL)"
	[ "$(head -c 8 "$D/pressure.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	ok $? "the output is a PNG"
	size=$(stat -c %s "$D/pressure.png")
	[ "$size" -gt 20000 ] && [ "$size" -lt 200000 ]
	ok $? "PNG size is plausible ($size bytes)"
	"$MPL" -c 'import matplotlib.image as m, sys; h, w = m.imread(sys.argv[1]).shape[:2]; sys.exit(not (w > 500 and h > 400))' "$D/pressure.png"
	ok $? "PNG has the expected dimensions"
else
	# scripts/deps.sh installs python3-matplotlib for make test: its absence is a failure.
	ok 1 "plots the recorded log: no python with matplotlib (install python3-matplotlib)"
fi

done_testing
