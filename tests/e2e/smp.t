#!/usr/bin/env bash
# SMP bring-up on QEMU virt (arch/arm64/kernel/smp.c, docs/smp.md): four
# CPUs by default (PSCI CPU_ON), the shell shows them and their IPIs,
# maxcpus=/nosmp/-smp 1 bring up exactly as many, and panic() stops the
# other CPUs. The self-test suite "smp" checks the count against the
# device tree itself; selftest.smp_online=N makes it check N too.
# (raspi4b's spin-table bring-up: tests/e2e/rpi4.t, with "smp" in QUICK_SUITES.)
. "$(dirname "$0")/lib.sh"

log=$LOGDIR/smp-shell.log
INPUT='cpus\ninterrupts\npoweroff\n' MEM=256M boot "$log" 120
like "$log" '^smp: Brought up 1 node, 4 CPUs$' "default -smp 4: all four CPUs up"
n=$(grep -cE '^CPU[123]: Booted secondary processor 0x000000000[123] \[0x[0-9a-f]{8}\]$' "$log")
ok $([ "$n" = 3 ]; echo $?) "CPU1-3 each report their MPIDR and MIDR ($n of 3)"
like "$log" '^SLUB: .*CPUs=4,' "SLUB's banner counts the 4 possible CPUs"
for c in 0 1 2 3; do
	like "$log" "^ +$c  0x000000000$c  online " "cpus: CPU$c online with its MPIDR"
done
like "$log" '^4 of 4 possible CPUs online' "cpus: summary line"
like "$log" '^ +CPU0 +CPU1 +CPU2 +CPU3$' "interrupts: a column per CPU"
like "$log" '^IPI1:( +[0-9]+){4}  Function call interrupts$' "interrupts: IPI rows with four counts"
unlike "$log" 'failed to come online' "no CPU failed to come online"

# The suite, with maxcpus=2, nosmp, -smp 1 and GICv3 + maxcpus=3.
for cfg in "SMP=4|maxcpus=2|2" "SMP=4|nosmp|1" "SMP=1||1" "SMP=4 GIC=3|maxcpus=3|3" "SMP=4 EL2=1||4"; do
	envs=${cfg%%|*}; rest=${cfg#*|}; args=${rest%|*}; want=${rest##*|}
	name=$(echo "$envs $args" | tr ' =' '_-' | sed 's/_$//')
	log=$LOGDIR/smp-$name.log
	for kv in $envs; do export "$kv"; done
	ICOUNT=1 SEMIHOSTING=1 MEM=256M \
		BOOTARGS="selftest=smp semihosting selftest.expect_mem=256M selftest.smp_online=$want $args" \
		boot "$log" 120
	for kv in $envs; do unset "${kv%%=*}"; done
	ok $status "$envs $args: suite smp passes (exit status $status)"
	like "$log" "^smp: Brought up 1 node, $want CPUs?\$" "$envs $args: exactly $want CPU(s) up"
	ktap_skips "$log" "$envs $args"
	[ $status -eq 0 ] || show_log "$log" 30
done

# panic() sends IPI_CPU_STOP: each other CPU says so and stops.
log=$LOGDIR/smp-panic.log
SEMIHOSTING=1 MEM=256M BOOTARGS="semihosting test.panic_after_smp" boot "$log" 60
ok $([ "$status" = 3 ]; echo $?) "test.panic_after_smp: QEMU exits with the panic status 3 ($status)"
n=$(grep -cE '^CPU[123]: stopping$' "$log")
ok $([ "$n" = 3 ]; echo $?) "panic: CPU1-3 each print 'stopping' ($n of 3)"
unlike "$log" 'failed to stop secondary CPUs' "panic: every CPU stopped within a second"

done_testing
