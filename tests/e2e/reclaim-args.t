#!/usr/bin/env bash
# Impossible reclaim requests get an error and change nothing: boot
# arguments and sysctls out of range (swappiness above 200, a
# min_free_kbytes larger than RAM) are refused, and the values in force
# stay the defaults.
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/reclaim-args.log
INPUT='sysctl
sysctl vm.min_free_kbytes 2000000
sysctl vm.swappiness -1
sysctl vm.swappiness 201
sysctl
poweroff
'
MEM=128M BOOTARGS="min_free_kbytes=99999999 vm.swappiness=300" boot "$log" 120
ok $status "session ends with poweroff (QEMU exit $status)"
like "$log" '^min_free_kbytes=99999999: out of range \(128\.\.[0-9]+ KiB, a quarter of RAM\), ignored' \
	"boot: min_free_kbytes larger than RAM is refused"
like "$log" 'command line: bad value for vm.swappiness: "300", ignored' "boot: swappiness 300 is refused"
like "$log" 'vm.min_free_kbytes: 2000000 out of range' "sysctl: min_free_kbytes larger than RAM is refused"
like "$log" 'vm.swappiness: -1 out of range' "sysctl: swappiness -1 is refused"
like "$log" 'vm.swappiness: 201 out of range' "sysctl: swappiness 201 is refused"
n=$(grep -c '^vm.swappiness = 60$' "$log")
[ "$n" -eq 2 ]
ok $? "swappiness stays 60 before and after ($n listings)"
def=$(sed -n 's/^vm.min_free_kbytes = \([0-9]*\)$/\1/p' "$log" | sort -u)
[ "$(echo "$def" | wc -l)" -eq 1 ] && [ "$def" -ge 128 ] && [ "$def" -lt 2000000 ]
ok $? "min_free_kbytes stays the default ($def) before and after"
[ $_failed -eq 0 ] || show_log "$log" 40
done_testing
