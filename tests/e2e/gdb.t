#!/usr/bin/env bash
# GDB over QEMU: the python helpers in qemu/gdb against a live kernel.
#
# 1. MMU off -> on. QEMU starts halted (-S); gdb stops at the instruction
#    in boot/head.S that turns the MMU on, walks the early tables from
#    TTBR1 with the MMU off (QEMU's PhyMemMode, then plain physical reads),
#    steps over the SCTLR_EL1 write and walks again, now cross-checked
#    with QEMU's own translation (monitor gva2gpa).
# 2. A booted kernel with a user task running (memhog). The kernel's own
#    walker (`pagewalk`, `ptdump`) prints kernel and user addresses at the
#    shell; gdb interrupts QEMU and prints the same with pt-walk/ptdump:
#    both must agree line for line (descriptors, decoded attributes, output
#    address). Then gdb stops in schedule() at EL1 with memhog's tables in
#    TTBR0 and walks again: QEMU's translation must agree for every address,
#    and reading through the linear map must give the same walks.
#    buddyinfo, asid, tasks and slabinfo must match the shell's numbers.
# 0. First, without QEMU, the helpers' constants: every K.NAME the Python
#    uses must be in kernel.elf's debug info (kernel/gdb_constants.c or a
#    kernel enum), each LX_ value must equal what the kernel's headers say
#    (compiled with the cross compiler), and no number in the Python may
#    repeat a kernel constant: the helpers read them, they do not copy them.
#
# Logs (serial console, gdb output, per-command sections) stay in
# build/e2e/gdb.PID/ (one directory per run, so that two runs at once do not
# mix their files; those of finished runs are removed at the next start).
. "$(dirname "$0")/lib.sh"
. tests/e2e/session.sh

for old in "$LOGDIR"/gdb.*; do
	[ -d "$old" ] && ! kill -0 "${old##*.}" 2> /dev/null && rm -rf "$old"
done
D=$LOGDIR/gdb.$$
mkdir -p "$D"
echo "# logs in $D"

if ! command -v gdb-multiarch > /dev/null || ! command -v qemu-system-aarch64 > /dev/null; then
	echo "1..0 # SKIP gdb-multiarch or qemu-system-aarch64 missing"
	exit 0
fi

# A consistent pair of kernel8.img and kernel.elf, even if someone rebuilds meanwhile.
for try in 1 2 3 4 5 6; do
	cp build/kernel.elf "$D/kernel.elf" && cp build/kernel8.img "$D/kernel8.img" &&
		aarch64-linux-gnu-objcopy -O binary "$D/kernel.elf" "$D/check.img" &&
		cmp -s "$D/check.img" "$D/kernel8.img" && break
	sleep 10
done
ELF=$D/kernel.elf
export KERNEL=$D/kernel8.img

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# gdb_batch OUT SCRIPT: gdb-multiarch with the helpers, attached to $PORT.
gdb_batch() {
	GDB_REMOTE=127.0.0.1:$PORT timeout 300 gdb-multiarch -q -nx -batch \
		-x qemu/gdb/kernel.gdb -x "$2" "$ELF" > "$1" 2>&1
}

# The python prologue of every gdb script: T(cmd) runs a command and prints
# its output after a "=== cmd" line (an error does not stop the script).
cat > "$D/prologue.py" << 'EOF'
import gdb
def T(cmd, tag=""):
    gdb.write("=== %s%s\n" % (tag, cmd))
    try:
        gdb.write(gdb.execute(cmd, to_string=True))
    except gdb.error as e:
        gdb.write("ERROR: %s\n" % e)
EOF

# section FILE HEADER: the lines after "=== HEADER" up to the next "=== ".
section() {
	awk -v h="=== $2" '$0 == h { on = 1; next } /^=== / { on = 0 } on' "$1"
}

# walk_of FILE VA: the last walk of VA in FILE: "root R" and the level lines and result.
walk_of() {
	awk -v w="$(printf 'walk 0x%016x:' "$2")" '
		/root table at/ { r = $0; sub(/.*root table at /, "", r); sub(/[ ,(].*/, "", r) }
		$0 == w { blk = "root " r "\n"; on = 1; next }
		on && /^  L[0-3] / { blk = blk $0 "\n"; next }
		on && /^  -> / { last = blk $0 "\n"; on = 0 }
		END { printf "%s", last }' "$1"
}

# ---- 0. the helpers' constants, from the kernel ----------------------------------
# No target: gdb reads enumerators from the ELF file.
cat > "$D/constants.gdb" << GDB
source $D/prologue.py
python
import glob, re, constants
used = sorted(set(n for f in glob.glob("qemu/gdb/*.py")
                  for n in re.findall(r"\bK\.([A-Za-z_][A-Za-z0-9_]*)", open(f).read())))
gdb.write("=== used\n")
for n in used:
    try:
        gdb.write("%s = 0x%x\n" % (n, constants.const(n)))
    except constants.ConstantError as e:
        gdb.write("MISSING %s\n" % e)
T("kernel-constants -a")
end
GDB
GDB_REMOTE=none timeout 120 gdb-multiarch -q -nx -batch -x qemu/gdb/kernel.gdb -x "$D/constants.gdb" "$ELF" \
	> "$D/constants.out" 2>&1
section "$D/constants.out" "used" > "$D/constants-used"
section "$D/constants.out" "kernel-constants -a" > "$D/constants-lx"
nused=$(grep -c ' = 0x' "$D/constants-used")
! grep -q '^MISSING' "$D/constants-used" && [ "$nused" -ge 40 ]
st=$?
ok $st "every kernel constant the helpers use ($nused names) is in kernel.elf's debug info"
[ $st -eq 0 ] || sed 's/^/#   /' "$D/constants.out" | head -20

# The LX_ values against the kernel's headers, as the cross compiler reads them now.
{
	grep '^#include' kernel/gdb_constants.c
	awk -F' = ' 'NF == 2 { printf "_Static_assert((unsigned long)(%s) == %sUL, \"%s\");\n", $1, $2, $1 }' \
		"$D/constants-lx"
} > "$D/constants-check.c"
nlx=$(grep -c _Static_assert "$D/constants-check.c")
aarch64-linux-gnu-gcc -std=gnu11 -fsyntax-only -ffreestanding -nostdinc \
	-isystem "$(aarch64-linux-gnu-gcc -print-file-name=include)" \
	-Iinclude -Iinclude/libc -Iarch/arm64/include -Ibuild/sysinc \
	"$D/constants-check.c" > "$D/constants-check.err" 2>&1 && [ "$nlx" -ge 40 ]
st=$?
ok $st "the $nlx constants of enum lx_constants in kernel.elf equal the headers' #defines"
[ $st -eq 0 ] || grep -E 'error' "$D/constants-check.err" | head -10 | sed 's/^/#   /'

# No copies: no number in the Python equal to a kernel constant (from 256
# up: smaller ones are also the ARM ARM's field positions and widths), and
# no module-level NAME = number.
python3 - "$D/constants-lx" qemu/gdb/*.py > "$D/constants-copies" << 'PY'
import io, re, sys, tokenize
values = {}
for line in open(sys.argv[1]):
    name, _, v = line.strip().partition(" = ")
    if v and int(v, 16) >= 256:
        values.setdefault(int(v, 16), []).append(name)
for path in sys.argv[2:]:
    src = open(path).read()
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.NUMBER and not re.search(r"[.ejJ]", tok.string) \
                and int(tok.string, 0) in values:
            print("%s:%d: %s is %s" % (path, tok.start[0], tok.string,
                                       "/".join(values[int(tok.string, 0)])))
    for n, line in enumerate(src.splitlines(), 1):
        if re.match(r"[A-Z][A-Z0-9_]* *= *[-+(]*(0x[0-9a-fA-F]+|[0-9]+)", line) \
                and not line.startswith("MASK64 "):
            print("%s:%d: a constant in Python: %s" % (path, n, line))
PY
[ $? -eq 0 ] && [ ! -s "$D/constants-copies" ] && [ -s "$D/constants-lx" ]
st=$?
ok $st "no kernel constant is copied into qemu/gdb/*.py"
[ $st -eq 0 ] || sed 's/^/#   /' "$D/constants-copies"

# ---- 1. MMU off -> on ----------------------------------------------------------

PORT=$(free_port)
qemu-system-aarch64 -M virt -cpu cortex-a72 -m 1G -nographic -nic none -no-reboot \
	-kernel "$KERNEL" -S -gdb tcp:127.0.0.1:$PORT < /dev/null > "$D/mmuoff-serial.log" 2>&1 &
qpid=$!
sleep 0.5
start_kernel=$(aarch64-linux-gnu-nm "$ELF" | awk '$3 == "start_kernel" { print "0x" $1 }')
text=$(aarch64-linux-gnu-nm "$ELF" | awk '$3 == "_text" { print "0x" $1 }')
load=0x40200000		# where QEMU -kernel puts the image (boot.t checks the banner)
# The SCTLR_EL1 write in __enable_mmu, at its physical address (the MMU is off).
enable=$(aarch64-linux-gnu-nm "$ELF" | awk '$3 == "__enable_mmu" { print "0x" $1 }')
msr=$(aarch64-linux-gnu-objdump -d --start-address=$enable --stop-address=$(printf '0x%x' $((enable + 0x100))) "$ELF" |
	awk '/msr[ \t]+sctlr_el1/ { sub(/:$/, "", $1); print "0x" $1; exit }')
cat > "$D/mmuoff.gdb" << EOF
source $D/prologue.py
python
gdb.execute("hbreak *$(printf '0x%x' $((load + msr - text)))")
gdb.execute("continue")
T("p/x \$SCTLR", "off ")
T("pt-walk $start_kernel", "off ")
gdb.execute("set kernel-phys-access linear")
T("pt-walk $start_kernel", "direct ")
gdb.execute("set kernel-phys-access auto")
gdb.execute("stepi")
T("p/x \$SCTLR", "on ")
T("pt-walk $start_kernel", "on ")
end
kill
EOF
gdb_batch "$D/mmuoff.out" "$D/mmuoff.gdb"
for i in $(seq 50); do kill -0 $qpid 2> /dev/null || break; sleep 0.2; done
kill $qpid 2> /dev/null
wait $qpid 2> /dev/null

out=$D/mmuoff.out
section "$out" "off p/x \$SCTLR" | grep -qE '= 0x[0-9a-f]*[02468ace]$'
ok $? "MMU off: stopped at the SCTLR_EL1 write with SCTLR_EL1.M = 0"
section "$out" "off pt-walk $start_kernel" > "$D/walk-off"
section "$out" "direct pt-walk $start_kernel" > "$D/walk-direct"
section "$out" "on pt-walk $start_kernel" > "$D/walk-on"
want_pa=$(printf '0x%x' $((load + start_kernel - text)))
grep -q 'MMU off (SCTLR_EL1.M = 0).*PhyMemMode' "$D/walk-off"
ok $? "MMU off: pt-walk reads the early tables through QEMU's PhyMemMode"
grep -qE "^  L3 pte.*PAGE RO UXN AF SH=IS ATTR=0\(NORMAL\)$" "$D/walk-off" &&
	grep -q "^  -> pa $want_pa (4K page)" "$D/walk-off"
ok $? "MMU off: start_kernel ($start_kernel) -> $want_pa, kernel text page R-X"
grep -q 'physical reads at the address itself' "$D/walk-direct" &&
	[ -s "$D/walk-off" ] && cmp -s <(walk_of "$D/walk-off" $start_kernel) <(walk_of "$D/walk-direct" $start_kernel)
ok $? "MMU off: plain physical reads give the same walk as PhyMemMode"
section "$out" "on p/x \$SCTLR" | grep -qE '= 0x[0-9a-f]*[13579bdf]$' &&
	cmp -s <(walk_of "$D/walk-off" $start_kernel) <(walk_of "$D/walk-on" $start_kernel)
ok $? "MMU on (one stepi later): the same walk"
grep -q "QEMU's MMU (monitor gva2gpa): pa $want_pa (agrees)" "$D/walk-on"
st=$?
ok $st "MMU on: QEMU's translation agrees"
[ $st -eq 0 ] || sed 's/^/#   /' "$out" | tail -40

# ---- 2. a running kernel -----------------------------------------------------------
[ "${GDB_T_PART1_ONLY:-0}" = 1 ] && { done_testing; exit; }

PORT=$(free_port)
session_start "$D/serial.log" bash qemu/run.sh -gdb tcp:127.0.0.1:$PORT
trap '[ -n "${_spid:-}" ] && kill "$_spid" 2> /dev/null' EXIT
session_wait "^Type 'help'" 90
ok $? "boots to the shell prompt with the gdb stub listening"

# shell NAME CMD: type CMD, wait for the next prompt; the log from there
# (without memhog's progress lines) goes to $D/sh-NAME.
shell() {
	local before deadline
	before=$(wc -l < "$D/serial.log")
	session_send "$2\n"
	deadline=$((SECONDS + 60))
	while [ $SECONDS -lt $deadline ]; do
		tail -n +$((before + 1)) "$D/serial.log" | tr -d '\r' |
			sed -E 's/^# memhog\[.*/# /; /^memhog\[/d' > "$D/sh-$1"
		# Done at the first prompt after the echo of CMD (memhog's lines may
		# take the prompt of the echo line: "# memhog[4]: pass 9/1000 ...").
		awk -v c="$2" 'seen && /^# / { done = 1 } $0 == c || $0 == "# " c { seen = 1 }
			END { exit !done }' "$D/sh-$1" && return 0
		sleep 0.2
	done
	echo "# shell: no prompt after '$2'"
	return 1
}

session_send 'run memhog 64 mmap 1000 text &\n'
session_wait 'memhog\[[0-9]+\]: pass 2/' 120
ok $? "memhog: 64 MiB filled, running its passes"
base=$(grep -aoE 'allocated 64 MiB with mmap at 0x[0-9a-f]+' "$D/serial.log" | awk '{ print $NF }')
mhpid=$(grep -aoE '^\[[0-9]+\] memhog' "$D/serial.log" | tr -d '[' | awk '{ print $1 }')
[ -n "$base" ] || base=0

zone_normal=$(aarch64-linux-gnu-nm "$ELF" | awk '$3 == "zone_normal" { print "0x" $1 }')
declare -A what=(
	[0xffff000041234568]="linear map (1G block)"
	[$start_kernel]="kernel text (start_kernel)"
	[$zone_normal]="kernel data (zone_normal)"
	[0xffff800040000010]="device tree (read-only)"
	[0xffff800080000000]="fixmap: UART (Device-nGnRE)"
	[0xffff900000000000]="kernel hole"
	[$(printf '0x%x' $((base + 0x123456)))]="memhog's buffer"
	[0x400000]="memhog's text"
	[0x100000000000]="user hole"
)
addrs=(0xffff000041234568 $start_kernel $zone_normal 0xffff800040000010 0xffff800080000000
       0xffff900000000000 $(printf '0x%x' $((base + 0x123456))) 0x400000 0x100000000000)
user_addrs=($(printf '0x%x' $((base + 0x123456))) 0x400000 0x100000000000)

# What the kernel says. User addresses are walked in TTBR0, whichever task
# ran last: memhog (busy) almost always; init wakes once a second. So walk
# them until the root is memhog's (the gdb `tasks` below says which it is).
for a in "${addrs[@]}"; do
	shell "pagewalk-$a" "pagewalk $a"
done
shell ptdump "ptdump"
shell ptdump-user "ptdump user"
shell buddyinfo "buddyinfo"
shell ps "ps"
shell asid "asid"
shell slabinfo "slabinfo"

# What gdb says: first wherever the CPU happens to be (usually memhog at
# EL0), then in schedule() at EL1 with memhog's tables in TTBR0.
{
	echo "source $D/prologue.py"
	echo "python"
	echo "import target, tasks"
	echo "T('p \$cpsr')"
	for c in tasks asid buddyinfo slabinfo lru-gen ptdump; do echo "T('$c')"; done
	for a in "${addrs[@]}"; do echo "T('pt-walk $a', 'p1 ')"; done
	cat << 'EOF'
ttbr = None
with target.phys_session():
    for addr, t in tasks.all_tasks():
        if t["comm"].string() == "memhog" and int(t["mm"]):
            ttbr = tasks.mm_ttbr(target.deref(t["mm"]))
gdb.write("=== memhog ttbr\n%s\n" % (hex(ttbr) if ttbr is not None else "none"))
if ttbr is not None:
    T("ptdump user 0x%x" % ttbr, "memhog ")
    gdb.write("=== stop in schedule()\n")
    gdb.execute("tbreak schedule if $TTBR0_EL1 == 0x%x" % ttbr)
    gdb.execute("continue")
    T("p $cpsr", "el1 ")
EOF
	for a in "${addrs[@]}"; do echo "T('pt-walk $a', 'p2 ')"; done
	echo "gdb.execute('set kernel-phys-access linear')"
	for a in "${addrs[@]}"; do echo "T('pt-walk $a', 'p3 ')"; done
	echo "gdb.execute('set kernel-phys-access auto')"
	echo "T('kernel-constants')"
	echo "end"
} > "$D/live.gdb"
gdb_batch "$D/live.out" "$D/live.gdb"
out=$D/live.out
grep -q '^=== p3 ' "$out"
ok $? "gdb attached, ran every command, stopped in schedule() and detached"

ttbr=$(section "$out" "memhog ttbr")
memhog_root=$(printf '0x%x' $((ttbr & 0x0000fffffffff000)))
# The shell's user walks must have used memhog's tables: retry the (rare)
# ones that ran while init had TTBR0.
for a in "${user_addrs[@]}"; do
	for try in 1 2 3 4 5; do
		[ "$(walk_of "$D/sh-pagewalk-$a" $a | head -1)" = "root $memhog_root" ] && break
		sleep 0.3
		shell "pagewalk-$a" "pagewalk $a"
	done
done
for try in 1 2 3 4 5; do
	grep -qF -- "---[ User space (TTBR0 = $ttbr) ]---" "$D/sh-ptdump-user" && break
	sleep 0.3
	shell ptdump-user "ptdump user"
done

el=$(( $(section "$out" "p \$cpsr" | awk '{ print $NF }') >> 2 & 3 ))
echo "# gdb first stopped at EL$el"
for a in "${addrs[@]}"; do
	walk_of "$D/sh-pagewalk-$a" $a > "$D/walk-shell-$a"
	section "$out" "p1 pt-walk $a" > "$D/gdb-p1-$a"
	section "$out" "p2 pt-walk $a" > "$D/gdb-p2-$a"
	section "$out" "p3 pt-walk $a" > "$D/gdb-p3-$a"
	[ -s "$D/walk-shell-$a" ] && cmp -s "$D/walk-shell-$a" <(walk_of "$D/gdb-p1-$a" $a)
	st=$?
	ok $st "pt-walk $a (${what[$a]}) agrees with the kernel's pagewalk (EL$el stop)"
	[ $st -eq 0 ] || diff "$D/walk-shell-$a" <(walk_of "$D/gdb-p1-$a" $a) | sed 's/^/#   /'
	[ -s "$D/walk-shell-$a" ] && cmp -s "$D/walk-shell-$a" <(walk_of "$D/gdb-p2-$a" $a)
	st=$?
	ok $st "pt-walk $a at EL1: same walk"
	[ $st -eq 0 ] || sed 's/^/#   /' "$D/gdb-p2-$a"
	# With PAN set (CPU=max), QEMU's gva2gpa translates like an EL1 load and
	# may not touch a user page: then there is nothing to compare with.
	if grep -q "not comparable: PSTATE.PAN is set" "$D/gdb-p2-$a"; then
		skip "pt-walk $a at EL1: QEMU's translation agrees" "PSTATE.PAN is set (CPU=max): gva2gpa cannot translate user pages at EL1"
	else
		grep -q "QEMU's MMU (monitor gva2gpa): .*(agrees)" "$D/gdb-p2-$a"
		st=$?
		ok $st "pt-walk $a at EL1: QEMU's translation agrees"
		[ $st -eq 0 ] || sed 's/^/#   /' "$D/gdb-p2-$a"
	fi
	grep -q 'via the linear map' "$D/gdb-p3-$a" &&
		cmp -s <(walk_of "$D/gdb-p2-$a" $a) <(walk_of "$D/gdb-p3-$a" $a)
	ok $? "pt-walk $a: reading the tables through the linear map gives the same walk"
done
grep -qE '^  L3 pte.*PAGE USER RW PXN UXN AF nG SH=IS ATTR=0\(NORMAL\) DBM DIRTY$' \
	"$D/gdb-p2-$(printf '0x%x' $((base + 0x123456)))"
ok $? "memhog's written page: user RW, never executable, nG, dirty"
grep -qE 'AP\[2:1\] 0b01: EL1 read/write, EL0 read/write' "$D/gdb-p2-$(printf '0x%x' $((base + 0x123456)))"
ok $? "pt-walk decodes AP, AttrIndx/MAIR, SH, AF, nG, PXN/UXN, DBM and the SW bits"

# ptdump: the same lines as the kernel's.
sed -n '/^---\[ Linear Mapping start/,/^---\[ Fixmap end/p' "$D/sh-ptdump" > "$D/ptdump-shell"
section "$out" "ptdump" > "$D/ptdump-gdb"
[ -s "$D/ptdump-shell" ] && cmp -s "$D/ptdump-shell" "$D/ptdump-gdb"
st=$?
ok $st "ptdump (kernel) is line for line the kernel's ptdump"
[ $st -eq 0 ] || diff "$D/ptdump-shell" "$D/ptdump-gdb" | sed 's/^/#   /'
grep -E '^---\[ User space|^0x' "$D/sh-ptdump-user" > "$D/ptdump-user-shell"
section "$out" "memhog ptdump user $ttbr" > "$D/ptdump-user-gdb"
[ -s "$D/ptdump-user-shell" ] && cmp -s "$D/ptdump-user-shell" "$D/ptdump-user-gdb"
st=$?
ok $st "ptdump user TTBR (memhog's, from tasks) is the kernel's ptdump user"
[ $st -eq 0 ] || diff "$D/ptdump-user-shell" "$D/ptdump-user-gdb" | sed 's/^/#   /'

# The mm commands: the same numbers as the shell's (the machine is quiet:
# memhog rewrites pages it already has).
section "$out" "buddyinfo" | head -1 > "$D/buddy-gdb"
grep '^Node 0, zone' "$D/sh-buddyinfo" > "$D/buddy-shell"
[ -s "$D/buddy-shell" ] && cmp -s "$D/buddy-shell" "$D/buddy-gdb"
ok $? "buddyinfo: the shell's line"
section "$out" "buddyinfo" | grep -qE '^free_pages ([0-9]+) \(sum of nr_free << order: \1\)'
ok $? "buddyinfo: nr_free per order adds up to zone free_pages"
grep '^ASIDs:' "$D/sh-asid" > "$D/asid-shell"
section "$out" "asid" | grep '^ASIDs:' > "$D/asid-gdb"
[ -s "$D/asid-shell" ] && cmp -s "$D/asid-shell" "$D/asid-gdb"
ok $? "asid: allocator width, generation, rollovers and ASIDs in use as the shell says"
section "$out" "asid" | grep -qE '^TTBR0_EL1 = 0x[0-9a-f]{16}: ASID [0-9]+' &&
	section "$out" "asid" | grep -qE '^TTBR0 holds the tables of pid [0-9]+ \((memhog|init)\).*\(current generation\)$'
ok $? "asid: TTBR0's ASID belongs to the running task's mm, current generation"
awk '$NF == "memhog" { print $1, $4 }' "$D/sh-ps" > "$D/ps-shell"
section "$out" "tasks" | awk '$0 ~ /memhog/ { sub(/^\*/, " "); print $1, $4 }' > "$D/ps-gdb"
[ -s "$D/ps-shell" ] && cmp -s "$D/ps-shell" "$D/ps-gdb" && [ "$(awk '{ print $2 }' "$D/ps-gdb")" -ge 65536 ]
ok $? "tasks: memhog's pid and RSS ($(cat "$D/ps-gdb")) as ps says, >= 64 MiB"
awk '$1 ~ /^[0-9]+$/ { print $1 }' "$D/sh-ps" > "$D/pids-shell"
section "$out" "tasks" | sed 's/^\*/ /' | awk '$1 ~ /^[0-9]+$/ { print $1 }' > "$D/pids-gdb"
cmp -s "$D/pids-shell" "$D/pids-gdb"
ok $? "tasks: the same pids as ps, in task_list order"
section "$out" "tasks" | grep -q "^\*" 
ok $? "tasks: marks the current task"
grep -E '^[a-z]' "$D/sh-slabinfo" | grep -v '^slabinfo' > "$D/slab-shell"
section "$out" "slabinfo" | grep -E '^[a-z]' | grep -v '^slabinfo' > "$D/slab-gdb"
[ -s "$D/slab-shell" ] && cmp -s "$D/slab-shell" "$D/slab-gdb"
st=$?
ok $st "slabinfo: every cache's line as the shell's"
[ $st -eq 0 ] || diff "$D/slab-shell" "$D/slab-gdb" | sed 's/^/#   /'
lru_pages=$(section "$out" "lru-gen" | awk '/^ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ *$/ { s += $3 } END { print s + 0 }')
section "$out" "lru-gen" | grep -q '^memcg     0 /' && [ "$lru_pages" -ge 16384 ]
ok $? "lru-gen: generations hold memhog's pages ($lru_pages pages on the LRU)"

# The constants the commands above read are among those part 0 checked
# (so its scan of K.<NAME> in the Python misses none), with the same values.
section "$out" "kernel-constants" | grep " = 0x" > "$D/constants-live"
nlive=$(grep -c ' = 0x' "$D/constants-live")
[ "$nlive" -ge 30 ] && [ -z "$(comm -23 <(sort "$D/constants-live") <(sort "$D/constants-used"))" ]
st=$?
ok $st "the $nlive constants the commands read live are those checked in part 0, same values"
[ $st -eq 0 ] || comm -23 <(sort "$D/constants-live") <(sort "$D/constants-used") | sed 's/^/#   /'

[ -n "$mhpid" ] && shell kill "kill $mhpid"
session_send 'poweroff\n'
session_end 30
trap - EXIT
like "$D/serial.log" '^Power down' "the kernel still runs after gdb detached (poweroff)"
done_testing
