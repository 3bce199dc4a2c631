#!/bin/sh
# make bench: ns per system call natively, under mvdb (2 variants in
# lockstep) and under strace -f (one process), with ratios; then variant
# memory read throughput; then servers under native clients
# (servers.sh).  Figures, not assertions.  Each figure is the
# best of RUNS runs: a shared machine only ever adds time.
set -eu
B=${BUILD:-build}/bench
MVDB=${MVDB:-./mvdb}
N_NATIVE=${N_NATIVE:-2000000}
N_TRACED=${N_TRACED:-50000}
RUNS=${RUNS:-3}

ns() { date +%s%N; }

# ns per call of "$@ N" less the same with 0 calls (start-up), the
# best of RUNS.
per_call() {
	n=$1; shift
	best=
	for _ in $(seq "$RUNS"); do
		t0=$(ns); "$@" 0 >/dev/null 2>&1; t1=$(ns)
		"$@" "$n" >/dev/null 2>&1; t2=$(ns)
		v=$(( ((t2 - t1) - (t1 - t0)) / n ))
		[ -z "$best" ] || [ "$v" -lt "$best" ] && best=$v
	done
	echo "$best"
}

have_strace=yes
command -v strace >/dev/null 2>&1 || have_strace=no

# One row: the per-call figures of program $2, labelled $1, natively,
# under mvdb -n 2, under mvdb -n 2 with option $3, and under strace -f;
# then mvdb/native (or, with $4 = alt, option/mvdb) and mvdb/strace.
row() {
	label=$1 prog=$2 opt=$3 ratio=${4:-}
	nat=$(per_call "$N_NATIVE" "$B/$prog")
	mv=$(per_call "$N_TRACED" "$MVDB" --batch -n 2 -- "$B/$prog")
	alt=$(per_call "$N_TRACED" "$MVDB" --batch -n 2 "$opt" -- "$B/$prog")
	if [ $have_strace = yes ]; then
		st=$(per_call "$N_TRACED" strace -f -o /dev/null "$B/$prog")
	else
		st=0
	fi
	[ "$nat" -gt 0 ] || nat=1
	[ "$mv" -gt 0 ] || mv=1
	[ "$st" -gt 0 ] || st=1
	if [ "$ratio" = alt ]; then
		first=$(awk "BEGIN{printf \"%.1f\", $alt/$mv}")
	else
		first=$(awk "BEGIN{printf \"%.0f\", $mv/$nat}")
	fi
	printf '%-26s %7s ns %7s ns %9s ns %7s ns %8sx %8sx\n' "$label" \
		"$nat" "$mv" "$alt" "$st" "$first" \
		"$(awk "BEGIN{printf \"%.2f\", $mv/$st}")"
}

# mvdb reads every call's results by default (a second stop for each
# call the variants run themselves at a meeting: fstat here); --no-results
# is the speed without.  getppid needs no meeting (see below).
printf '%-26s %10s %10s %12s %10s %9s %9s\n' "loop" "native" "mvdb -n 2" \
	"--no-results" "strace -f" "mvdb/nat" "mvdb/str"
row getppid getppid --no-results
row "fstat of a local fd" fstat --no-results
row "write 4 KiB to /dev/null" devnull --no-results
# Calls that need no meeting (getppid; clock reads from 4 threads): by
# default each variant's are answered where it makes them, the
# readings replicated; --lockstep=strict makes each a rendezvous.
echo
printf '%-26s %10s %10s %12s %10s %9s %9s\n' "loop" "native" "mvdb -n 2" \
	"strict" "strace -f" "strict/mv" "mvdb/str"
row getppid getppid --lockstep=strict alt
row "4 threads x clock_gettime" threads --lockstep=strict alt
echo
"$B/memread"
# Servers with native clients: round trips and requests per second.
echo
BUILD=${BUILD:-build} MVDB=$MVDB RUNS=$RUNS sh "$(dirname "$0")/servers.sh"
