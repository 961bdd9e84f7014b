#!/usr/bin/env bash
# A scripted shell session (commands piped into the serial console, as a
# learner would type them) that runs every command, with bad arguments too,
# and checks what each prints. 128 MiB of RAM so that memory pressure is quick.
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/shell.log
INPUT='help
help ps
help nosuchcmd
meminfo
buddyinfo
buddyinfo -v
slabinfo
vmstat
memblock
zram
lru_gen
interrupts
progs
sysctl
sysctl vm.swappiness 100
sysctl vm.min_free_kbytes 2048
sysctl vm.watermark_scale_factor 50
sysctl vm.swappiness 300
sysctl vm.nosuch 1
sysctl vm.swappiness abc
run hello one two
run nosuchprog
run
run memhog 4 sleep=60000 &
ps
oom_score_adj 5 500
oom_score_adj 5 5000
oom_score_adj 5 abc
oom_score_adj 77 0
oom_score_adj
ps
pt 5 0x400000
pt 0 0xffff800000000000
pt 5 nonsense
pt 77 0x400000
pt 0 0x400000
ptdump 5
ptdump 2
ptdump
kill 5
meminfo
kill 1
kill 2
kill abc
kill 77
kill
run fault write-ro
pressure 130 100
swapoff
asid
tlb
selftest printk
selftest nosuchsuite
frobnicate
poweroff
'
MEM=128M boot "$log" 300
ok $status "session ends with poweroff (QEMU exit $status)"

# output_of CMD: writes what CMD printed to $LOGDIR/shell-CMD.out and
# prints that file's name. What it printed: the lines after its echo
# ("# CMD") up to the echo of the command typed after it in $INPUT; so not
# the boot banner, which prints some of the same things, nor another
# command's output. The echo is matched as a prefix: a background job's
# report may follow it on the same line.
output_of() {
	local next out=$LOGDIR/shell-${1// /_}.out
	next=$(printf '%s\n' "$INPUT" | awk -v c="$1" 'f { print; exit } $0 == c { f = 1 }')
	awk -v c="# $1" -v n="# $next" '
		f && index($0, n) == 1 { exit }
		f { print }
		!f && index($0, c) == 1 { f = 1 }' "$log" > "$out"
	echo "$out"
}

like "$log" '^  buddyinfo \[-v\] +free blocks per order' "help lists commands"
like "$log" '^usage: ps$' "help CMD shows the usage"
like "$log" "help: unknown command 'nosuchcmd'" "help of an unknown command"
like "$log" '^MemTotal: +[0-9]+ kB' "meminfo: /proc/meminfo format"
like "$log" '^SwapTotal: +[1-9][0-9]* kB' "meminfo: swap area size"
like "$log" '^Node 0, zone +Normal( +[0-9]+){11}' "buddyinfo: /proc/buddyinfo format, 11 orders"
like "$log" 'type +Movable' "buddyinfo -v: per migratetype"
like "$log" '^slabinfo - version: 2.1' "slabinfo: header"
like "$log" '^kmalloc-96 +[0-9]+ +[0-9]+ +96 ' "slabinfo: the 96-byte class"
like "$log" '^pgfault [0-9]+' "vmstat: pgfault"
like "$log" '^oom_kill [0-9]+' "vmstat: oom_kill"
out=$(output_of memblock)
like "$out" '^MEMBLOCK configuration:' "memblock: the dump's header"
like "$out" '^ memory\[0x0\]	\[0x0000000040000000-0x0000000047ffffff\], 0x0000000008000000 bytes' \
	"memblock: the 128 MiB of RAM as one region"
like "$out" '^ reserved\.cnt  = 0x[1-9]' "memblock: the reserved regions"
like "$log" '^mm_stat: +[0-9]+' "zram: mm_stat line"
like "$log" '^memcg +0 /' "lru_gen: debugfs format"
out=$(output_of interrupts)
like "$out" '^ +27: +[0-9]+ +GICv2 +arch_timer$' "interrupts: the timer's line on the GIC, with its count"
like "$out" '^jiffies: [0-9]+ \(HZ=100\)$' "interrupts: jiffies and HZ"
like "$log" '^vm.swappiness = 60' "sysctl lists"
like "$log" '^vm.max_map_count = 65530' "sysctl lists vm.max_map_count (Linux's default)"
like "$log" '^kernel\.threads-max = [0-9]{3,4}$' "sysctl lists kernel.threads-max (RAM / 128 KiB: about 1000 at 128M)"
like "$log" '^vm.swappiness = 100' "sysctl sets vm.swappiness"
like "$log" '^vm.min_free_kbytes = 2048' "sysctl sets vm.min_free_kbytes"
like "$log" '^vm.watermark_scale_factor = 50' "sysctl sets vm.watermark_scale_factor"
like "$log" 'vm.swappiness: 300 out of range' "sysctl refuses out-of-range values"
like "$log" "sysctl: unknown name 'vm.nosuch'" "sysctl: unknown name"
like "$log" "sysctl: VALUE must be a number, not 'abc'" "sysctl: non-numeric value"
like "$log" '^  argv\[2\] = "two"' "run passes arguments"
like "$log" 'run: nosuchprog: no such program' "run: unknown program"
like "$log" 'run: missing program name' "run: missing argument"
like "$log" '^\[5\] memhog' "run ... & starts a background job"
like "$log" '^ +5 +3 [RS] .* +500 memhog' "oom_score_adj sets it; ps shows it"
like "$log" 'oom_score_adj: N must be between -1000 and 1000' "oom_score_adj: out of range"
like "$log" "oom_score_adj: N must be a number, not 'abc'" "oom_score_adj: non-numeric"
like "$log" 'oom_score_adj: no task with pid 77' "oom_score_adj: unknown pid"
like "$log" 'oom_score_adj: usage' "oom_score_adj: missing arguments"
like "$log" '^ +PID +PPID S +RSS\(kB\) +SWAP\(kB\) +PTE\(kB\) OOM_SCORE OOM_ADJ COMMAND' "ps header"
like "$log" '^  L3 pte\[  0\] .* PAGE USER RO' "pt PID VA walks to the level-3 PTE, decoded"
like "$log" "pt: VA must be a number, not 'nonsense'" "pt: bad address"
like "$log" 'pt: no task with pid 77' "pt: unknown pid"
like "$log" 'pt: 0x400000 is not a kernel address' "pt 0 with a user address"
like "$log" 'User space of pid 5' "ptdump PID"
like "$log" 'ptdump: 2 \(kswapd0\) is a kernel thread' "ptdump of a kernel thread"
like "$log" 'Linear Mapping start' "ptdump: kernel markers"
like "$log" '\[5\] memhog done \(killed by signal 9\)' "kill ends the background job"
like "$log" 'kill: 1 is init or a kernel thread: not killed' "kill refuses init"
like "$log" 'kill: 2 is init or a kernel thread: not killed' "kill refuses kernel threads"
like "$log" "kill: PID must be a number, not 'abc'" "kill: non-numeric"
like "$log" 'kill: no task with pid 77' "kill: unknown pid"
like "$log" 'kill: usage: kill PID' "kill: missing argument"
like "$log" 'fault\[[0-9]+\]: unhandled write at 0x0000000000400' "a faulting task is reported"
like "$log" 'killed by signal 11' "... and killed; the shell carries on"
like "$log" '^pressure: +t_ms free_pgs zram_bytes' "pressure: timeline header"
like "$log" '^pressure: +[0-9]+ +[0-9]+ +[1-9][0-9]* +[0-9]+ +[1-9][0-9]*' "pressure: zram fills, pswpout grows"
like "$log" '^pressure: memhog exited with status 0' "pressure: the workload verifies"
like "$log" '^swapoff: [0-9]+ pages brought back from swap; 0 slots in use' "swapoff empties swap"
out=$(output_of asid)
like "$out" '^ASIDs: 16 bits, generation [1-9][0-9]*, [0-9]+ rollovers, [1-9][0-9]* of 65536 in use' \
	"asid: the allocator's state (tasks have run: ASIDs in use)"
out=$(output_of tlb)
like "$out" '^TLBI issued: vale1is [1-9][0-9]* \(in [1-9][0-9]* range flushes\), vae1is [0-9]+, vaale1is [0-9]+, aside1is [0-9]+, vmalle1\[is\] [0-9]+$' \
	"tlb: the TLBI counts (by VA ones after the pressure run)"
like "$log" '^ok 1 printk' "selftest SUITE from the shell"
like "$log" 'selftest: no suite matches "nosuchsuite"' "selftest: unknown suite"
like "$log" 'frobnicate: unknown command' "unknown command"
unlike "$log" 'Internal error|Kernel panic' "no kernel error in the whole session"
[ $_failed -eq 0 ] || show_log "$log" 40
done_testing
