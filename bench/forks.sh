#!/bin/sh
# The monitor's memory over many processes: a fork/wait loop in C and a
# shell loop of /bin/true, each at two sizes ten times apart, under
# mvdb -n 2.  Flat memory means the two peaks are close; time should
# grow ten times, not more.  Figures, not assertions.
#
#   MVDB=./mvdb  BUILD=build  FORKS=2000 (children at the small size)
set -eu
MVDB=${MVDB:-./mvdb}
BUILD=${BUILD:-build}
FORKS=${FORKS:-2000}
RSS=$BUILD/bench/rss
LOOP=$BUILD/tracees/plat_forkloop

row() {	# name, children, command...
	name=$1 n=$2
	shift 2
	set -- $("$RSS" "$@" 2>/dev/null | tail -n 1)
	printf '%-34s %8s %10s KB %9s s  exit %s\n' "$name" "$n" "$1" "$3" "$5"
}

printf '%-34s %8s %13s %11s\n' "mvdb -n 2, peak monitor memory" children "max RSS" wall
for n in $FORKS $((FORKS * 10)); do
	row "fork/wait loop (C)" "$n" \
		"$MVDB" --batch -n 2 -- "$LOOP" $((n / 3))
done
for n in $((FORKS / 2)) $((FORKS * 5)); do
	row "bash: for ...; do /bin/true; done" "$n" \
		"$MVDB" --batch -n 2 -- bash -c "for i in \$(seq $n); do /bin/true; done"
done
