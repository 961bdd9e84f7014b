# Interactive QEMU sessions for the boot-path tests (uboot.t, rpi3.t):
# start QEMU in the background with its console on a pipe, wait for a line
# in the log, then type into it. Needed where input must not arrive early
# (U-Boot takes any key during its 2 s bootdelay as "stop autoboot").
# Source after lib.sh.
#
#   session_start LOG COMMAND...   start; stdin is a pipe kept open on fd 7
#   session_wait REGEX SECONDS     wait until the log has a matching line (0) or give up (1)
#   session_send STRING            type STRING (printf %b escapes: '\n', '\001c')
#   session_end SECONDS            close stdin, wait for QEMU to exit (sets $status),
#                                  kill it (only that process) if it does not

session_start() {
	_slog=$1
	shift
	local fifo
	fifo=$(mktemp -u "${TMPDIR:-/tmp}/e2e-session.XXXXXX")
	mkfifo "$fifo"
	"$@" < "$fifo" > "$_slog" 2>&1 &
	_spid=$!
	exec 7> "$fifo"
	rm -f "$fifo"
}

session_wait() {
	local deadline=$((SECONDS + $2))
	while [ $SECONDS -lt $deadline ]; do
		grep -aqE -- "$1" "$_slog" && return 0
		kill -0 "$_spid" 2> /dev/null || { grep -aqE -- "$1" "$_slog"; return; }
		sleep 0.2
	done
	return 1
}

session_send() {
	printf '%b' "$1" >&7
}

session_end() {
	local deadline=$((SECONDS + $1))
	exec 7>&-
	while kill -0 "$_spid" 2> /dev/null && [ $SECONDS -lt $deadline ]; do
		sleep 0.2
	done
	if kill -0 "$_spid" 2> /dev/null; then
		kill "$_spid" 2> /dev/null
		echo "# session: QEMU (pid $_spid) still running after $1 s: killed"
	fi
	wait "$_spid"
	status=$?
	tr -d '\r' < "$_slog" > "$_slog.tmp" && mv "$_slog.tmp" "$_slog"
}
