#!/usr/bin/env bash
# `make help` lists every target README.md tells the reader to run (as
# `make TARGET` in backquotes, or at the start of a line in a code block),
# one line each, and every target it lists exists.
. "$(dirname "$0")/lib.sh"

mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"; }
help=$LOGDIR/help.out
mk -s help > "$help" 2>&1
ok $? "make help exits 0"

readme=$(grep -oE '(^|`)make [a-z][a-z0-9-]*' README.md | sed 's/^`//; s/^make //' | sort -u)
n=$(echo "$readme" | wc -w)
ok $([ "$n" -ge 15 ]; echo $?) "README.md names $n make targets"
for t in $readme; do
	like "$help" "^ *make $t( |$)" "make help lists make $t (README.md)"
done

# Every "make TARGET" line of the help names a target make knows.
listed=$(sed -nE 's/^ *make ([a-z][a-z0-9-]*).*/\1/p' "$help")
for t in $listed; do
	mk -n "$t" > /dev/null 2>&1
	ok $? "make -n $t: a target make knows (make help)"
done
n=$(grep -cE '^ *make [a-z]' "$help")
ok $([ "$n" = "$(echo "$listed" | sort -u | wc -l)" ]; echo $?) "one line per target ($n lines)"
done_testing
