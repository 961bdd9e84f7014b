#!/usr/bin/env bash
# make test: the host unit tests (binaries given as arguments, KTAP made
# flat TAP by tests/host/ktap-flat.sh) and the
# end-to-end QEMU tests in tests/e2e, all TAP, run and summarised as
# `prove --timer --exec ''` would (TAP::Harness, the library behind prove),
# then the self-test time tables.
# QEMU tests run one at a time (the machine has two cores).
# prove's summary does not count skipped tests ("ok N - ... # SKIP reason":
# e.g. a self-test case this CPU or this RAM size cannot run, see
# ktap_skips in tests/e2e/lib.sh), so they are counted and listed after it.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/e2e
rm -f build/e2e/selftest-times.txt build/e2e/selftest-suites.txt
start=$SECONDS
perl -MTAP::Harness -e '
	my @skips;
	# Host binaries print KTAP (a line per suite): tests/host/ktap-flat.sh
	# makes it a line per case, so that cases and skips are counted.
	my $exec = sub { my ($h, $file) = @_;
		return $file =~ m{/host/[^/]+$} ? ["bash", "tests/host/ktap-flat.sh", $file] : [$file] };
	my $harness = TAP::Harness->new({ exec => $exec, timer => 1, color => -t STDOUT ? 1 : 0 });
	$harness->callback(made_parser => sub {
		my ($parser, $job) = @_;
		my $file = $job->[0];
		$parser->callback(test => sub {
			my $t = shift;
			push @skips, "$file: " . $t->as_string if $t->has_skip;
		});
	});
	my $aggregate = $harness->runtests(@ARGV);
	printf "Skipped: %d test%s\n", scalar @skips, @skips == 1 ? "" : "s";
	print "  $_\n" for @skips;
	exit($aggregate->all_passed ? 0 : 1);
' -- "$@" tests/e2e/*.t
st=$?
bash tests/times-table.sh build/e2e
echo "make test: $((SECONDS - start)) s"
exit $st
