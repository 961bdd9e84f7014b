#!/usr/bin/env bash
# What a newcomer tries first, at the default 1 GiB: a workload 10 % bigger
# than RAM must finish and verify with swap in use; one bigger than RAM plus
# what the swap area can hold must end in the OOM killer, whose report says
# the swap area is full. No -icount: the run is about memory, not time.
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/newcomer.log
INPUT='run memhog 1100 1 text
vmstat
run memhog 1400 1 text
zram
poweroff
'
MEM=1G ICOUNT=0 boot "$log" 900
ok $status "session ends with poweroff (QEMU exit $status)"

# Cut the log at the second memhog: what belongs to the first run.
first=$LOGDIR/newcomer.first.log
second=$LOGDIR/newcomer.second.log
awk '/^# run memhog 1400/{f=1} !f' "$log" > "$first"
awk '/^# run memhog 1400/{f=1} f' "$log" > "$second"

like "$first" 'memhog\[[0-9]+\]: allocated 1100 MiB, touched, verified OK' \
	"memhog 1100 (RAM + 10 %) finishes and verifies"
unlike "$first" 'invoked oom-killer' "... without an OOM kill"
pswpout=$(sed -n 's/^pswpout \([0-9]*\)$/\1/p' "$first" | head -1)
[ "${pswpout:-0}" -gt 10000 ]
ok $? "... with swap in use (pswpout ${pswpout:-none} > 10000)"

like "$second" 'memhog invoked oom-killer' "memhog 1400 (beyond RAM + swap) ends in the OOM killer"
like "$second" '^Free swap  = [0-9]+kB' "the OOM report has Linux's Free swap line"
like "$second" '^swap: full \(no free slot\)' "... and says the swap area is full"
like "$second" 'Out of memory: Killed process [0-9]+ \(memhog\)' "memhog is the victim"
like "$second" 'killed by signal 9' "the shell reports the kill and carries on"
like "$second" '^mm_stat: +[0-9]+' "the shell still answers after the kill"
unlike "$log" 'Internal error|Kernel panic|BUG:' "no kernel error in the whole session"
[ $_failed -eq 0 ] || show_log "$log" 60
done_testing
