#!/usr/bin/env bash
# ktap-flat.sh BINARY [ARGS...]: run a host test binary (its output is KTAP:
# one top-level line per suite, the cases indented under it, lib/kunit.c)
# and print it as flat TAP, one line per case, so that prove and make test
# count cases, and report a skipped case as a skip, instead of seeing one
# line per suite:
#
#       # Subtest: buddy                 # Subtest: buddy
#       ok 1 test_refcount        ->    ok 1 - buddy: test_refcount
#       ok 2 test_pan # SKIP why        ok 2 - buddy: test_pan # SKIP why
#   ok 1 buddy                          # ok 1 buddy
#
# A suite that fails without a failed case (its suite_init failed) still
# gives a `not ok` line. The exit status is the binary's.
set -o pipefail
"$@" | awk '
	/^    # Subtest: / { suite = $3; failed = 0; print substr($0, 5); next }
	/^    (not )?ok [0-9]+ / {
		line = substr($0, 5)
		st = (line ~ /^not /) ? "not ok" : "ok"
		sub(/^(not )?ok [0-9]+ /, "", line)
		if (st == "not ok") failed++
		print st " " ++n " - " suite ": " line
		next
	}
	/^not ok [0-9]+ / && !failed { print "not ok " ++n " - " $0; next }
	/^Bail out!/ { print; next }
	/^KTAP version|^ *1\.\.[0-9]+$|^    KTAP version/ { next }
	{ sub(/^ */, ""); print (/^#/ ? "" : "# ") $0 }
	END { print "1.." n }
'
