#!/usr/bin/env bash
# The first build on a bare machine: `make qemu-run` must run scripts/deps.sh
# (which installs the cross compiler) before anything asks the compiler for
# anything. The bug this guards against: KCFLAGS was a `:=` variable holding
# $(shell $(CC) -print-file-name=include), expanded when make read the
# Makefile, i.e. before deps had run; with no compiler yet it was empty, so
# `-isystem` swallowed the next flag (-Iinclude) and the first compile failed
# with "linux/types.h: No such file or directory".
#
# The cross compiler is hidden here with a PATH of symlinks to every program
# on the real PATH but aarch64-linux-gnu-*. Then:
#   1. make -n: what make would run is well-formed and starts with deps;
#   2. a real parallel build of a copy of the tree, whose scripts/deps.sh is a
#      stand-in that "installs" the compiler (links it into that PATH).
. "$(dirname "$0")/lib.sh"

work=$LOGDIR/makefile
rm -rf "$work"
mkdir -p "$work/bin"
IFS=: read -ra path_dirs <<< "$PATH"
for d in "${path_dirs[@]}"; do
	[ -d "$d" ] || continue
	for f in "$d"/*; do
		n=${f##*/}
		case $n in aarch64-linux-gnu-*) continue ;; esac
		[ -x "$f" ] && [ ! -e "$work/bin/$n" ] && ln -s "$f" "$work/bin/$n"
	done
done
hidden=$(cd "$work/bin" && pwd)
# make must not see the MAKEFLAGS of a `make test` that runs this file.
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PATH="$hidden" make "$@"; }

! PATH=$hidden command -v aarch64-linux-gnu-gcc > /dev/null
ok $? "the cross compiler is hidden from the test PATH"

# ---- 1. dry run, compiler hidden --------------------------------------------
out=$work/dry-run.out
mk -n -B qemu-run > "$out" 2> "$out.err"
ok $? "make -n -B qemu-run without a cross compiler exits 0"
ok $([ ! -s "$out.err" ]; echo $?) "reading the Makefile runs no missing tool (stderr empty)"
[ -s "$out.err" ] && sed 's/^/#   /' "$out.err" | head -5
ncc=$(grep -c '^aarch64-linux-gnu-gcc .* -c ' "$out")
ok $([ "$ncc" -gt 50 ]; echo $?) "the dry run would compile the kernel and user programs ($ncc compiler calls)"
like "$out" '^aarch64-linux-gnu-gcc .* -c boot/early_map\.c ' "the dry run would compile boot/early_map.c"
like "$out" '^aarch64-linux-gnu-gcc .* -c user/lib/start\.c ' "the dry run would compile user/lib/start.c"
unlike "$out" '-isystem +(-|$)' "no -isystem without its directory"
unlike "$out" '(^| )-(isystem|include|o|T|MF|MT)( +-| *$)' "no flag that takes an argument is followed by another flag"
first_deps=$(grep -n -m1 'scripts/deps\.sh' "$out" | cut -d: -f1)
first_cross=$(grep -n -m1 'aarch64-linux-gnu-' "$out" | cut -d: -f1)
ok $([ -n "$first_deps" ] && [ -n "$first_cross" ] && [ "$first_deps" -lt "$first_cross" ]; echo $?) \
	"deps runs before the first cross tool (line ${first_deps:-none} < ${first_cross:-none})"
# Any single object, made on its own (as make -j may start it first), waits for deps.
for obj in build/boot/early_map.o build/user/lib/start.o build/kallsyms_empty.o; do
	mk -n -B "$obj" > "$work/one.out" 2>&1
	ok $([ "$(grep -m1 -oE 'scripts/deps\.sh|aarch64-linux-gnu-gcc' "$work/one.out")" = scripts/deps.sh ]; echo $?) \
		"make -n $obj: deps first"
done

# ---- 2. dry run, compiler present: the values it gives are used -------------
out=$work/dry-run-cc.out
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -n -B all > "$out" 2>&1
bad=0
for dir in $(grep -oE -- '-isystem +[^ ]+' "$out" | awk '{print $2}' | sort -u); do
	[ -d "$dir" ] || { echo "#   -isystem $dir: no such directory"; bad=1; }
done
ok $([ $bad -eq 0 ] && grep -qE -- '-isystem +/[^ ]+/include ' "$out"; echo $?) \
	"with the compiler: -isystem names GCC's include directory"
nc=$(grep -cE '^aarch64-linux-gnu-gcc .* -c [^ ]+\.c ' "$out")
nw=$(grep -E '^aarch64-linux-gnu-gcc .* -c [^ ]+\.c ' "$out" | grep -c -- ' -Wall -Wextra -Werror ')
ok $([ "$nc" -gt 50 ] && [ "$nw" = "$nc" ]; echo $?) "every C compile has -Wall -Wextra -Werror ($nw of $nc)"
libgcc=$(grep -m1 -oE '[^ ]+/libgcc\.a' "$out")
ok $([ -n "$libgcc" ] && [ -f "$libgcc" ]; echo $?) "with the compiler: the links use libgcc.a (${libgcc:-none})"

# ---- 3. a real build, the compiler arriving with deps -----------------------
# A copy of the tree (no build/) whose scripts/deps.sh links the cross tools
# into the hidden PATH, as apt-get install would put them on it; the arm64
# libfdt.a comes from this tree's build/ (deps.sh has unpacked it there).
src=$work/src
mkdir -p "$src"
tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$src"
libfdt=build/arm64/usr/lib/aarch64-linux-gnu/libfdt.a
[ -f "$libfdt" ] || bash scripts/deps.sh > /dev/null
cat > "$src/scripts/deps.sh" <<EOF
#!/usr/bin/env bash
# makefile.t's stand-in for scripts/deps.sh
echo "deps-stand-in: installing the cross compiler"
ln -sf /usr/bin/aarch64-linux-gnu-* "$hidden/"
mkdir -p build/arm64/usr/lib/aarch64-linux-gnu
cp "$(pwd)/$libfdt" build/arm64/usr/lib/aarch64-linux-gnu/
EOF
log=$work/build.log
(cd "$src" && mk -j2 all) > "$log" 2>&1
st=$?
ok $st "make -j2 all in a fresh tree with no cross compiler on PATH exits 0"
[ $st -eq 0 ] || show_log "$log" 20
unlike "$log" 'No such file or directory|not found' "no missing compiler or header on the way"
first_deps=$(grep -n -m1 '^deps-stand-in' "$log" | cut -d: -f1)
first_cc=$(grep -n -m1 -E '^  (CC|UCC|AS|UAS) ' "$log" | cut -d: -f1)
ok $([ -n "$first_deps" ] && [ -n "$first_cc" ] && [ "$first_deps" -lt "$first_cc" ]; echo $?) \
	"deps ran before the first compile (line ${first_deps:-none} < ${first_cc:-none})"
# An arm64 Image: "ARM\x64" at offset 56.
magic=$(od -An -tx1 -j56 -N4 "$src/build/kernel8.img" 2> /dev/null | tr -d ' ')
ok $([ "$magic" = 41524d64 ]; echo $?) "the fresh tree built build/kernel8.img, an arm64 Image (magic $magic)"
rm -rf "$src"
done_testing
