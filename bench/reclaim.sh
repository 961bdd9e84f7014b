#!/usr/bin/env bash
# Reclaim at several memory sizes (a benchmark: it prints numbers and never
# fails on them). For each size, boot under -icount (one counter tick per
# instruction), run one compressible workload bigger than RAM plus what the
# swap area can hold (`memhog` of 1.5 x RAM, text pages), and read:
#   - how full the swap area was when the first OOM kill happened
#     (goal: >= 95 %: reclaim must not give up while swap has room),
#   - pgsteal / pgscan (how many of the pages reclaim looked at it freed),
#   - instructions per reclaimed page (reclaim_ticks / pgsteal: isolation,
#     aging, lz4 and the PTE update; the fault that brings a page back is not
#     in it).
# Sizes: SIZES="128M 512M 1G 2G" by default. Output: one table, also kept in
# build/bench-reclaim.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-128M 512M 1G 2G}
out=build/bench-reclaim.txt
mkdir -p build
mib() {	# 128M -> 128, 2G -> 2048
	case $1 in
	*G) echo $(( ${1%G} * 1024 )) ;;
	*M) echo "${1%M}" ;;
	esac
}
printf '%-6s %9s %14s %10s %10s %8s %12s\n' MEM workload "swap at OOM" pgscan pgsteal steal% "instr/page" | tee "$out"
for m in $SIZES; do
	n=$(( $(mib "$m") * 3 / 2 ))
	log=build/bench-reclaim-$m.log
	printf 'run memhog %s 1 text\nvmstat\npoweroff\n' "$n" |
		MEM=$m ICOUNT=1 timeout "${TIMEOUT:-3600}" bash qemu/run.sh 2>&1 | tr -d '\r' > "$log"
	awk -v mem="$m" -v n="$n" '
		/swap slots used:/ && !seen { split($0, a, "swap slots used:"); split(a[2], b, "/");
			used = b[1]; total = b[2]; seen = 1 }
		/^pgscan_(kswapd|direct) / { scan += $2 }
		/^pgsteal_(kswapd|direct) / { steal += $2 }
		/^reclaim_ticks / { ticks = $2 }
		END {
			share = seen ? sprintf("%.1f%% of %d", 100 * used / total, total) : "no OOM";
			printf "%-6s %7d M %14s %10d %10d %7.1f%% %12d\n", mem, n, share, scan, steal,
				scan ? 100 * steal / scan : 0, steal ? ticks / steal : 0
		}' "$log" | tee -a "$out"
done
