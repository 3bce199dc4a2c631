#!/bin/sh
# Repetitions: programs where signals (SIGCHLD, stops) arrive at a
# different point in each variant, each run RUNS times natively and
# under mvdb --batch (-n 2 unless a case says); every run must print what the native run
# printed and end the same way.  A false divergence that comes one run
# in twenty shows here, where one run of the suite would miss it.
#
#   MVDB=./mvdb  TRACEES=build/tracees  RUNS=100
set -u
MVDB=${MVDB:-./mvdb}
TRACEES=${TRACEES:-build/tracees}
RUNS=${RUNS:-100}
T=$(cd "$TRACEES" && pwd)
export T
case $MVDB in /*) ;; *) MVDB=$(pwd)/$MVDB ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# name, then the shell command (run in a directory of its own), then
# the number of variants (2 unless given)
one() {
	name=$1 cmd=$2 nv=${3:-2}
	mkdir -p "$work/n" "$work/m"
	(cd "$work/n" && sh -c "$cmd" >../n.out 2>&1; echo "status $?" >>../n.out)
	bad=0
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		rm -rf "$work/m" && mkdir "$work/m"
		(cd "$work/m" && timeout 60 "$MVDB" --batch -n "$nv" -- sh -c "$cmd" \
			>../m.out 2>&1; echo "status $?" >>../m.out)
		if ! cmp -s "$work/n.out" "$work/m.out"; then
			bad=$((bad + 1))
			[ "$bad" -le 2 ] && {
				echo "$name: run $i differs from the native run:"
				diff "$work/n.out" "$work/m.out" | head -20
			}
		fi
	done
	if [ "$bad" -eq 0 ]; then
		passed=$((passed + 1))
		echo "$name: $RUNS runs, all as natively"
	else
		failed=$((failed + 1))
		echo "$name: $bad of $RUNS runs differ"
	fi
}

one "a pipeline into a file" 'echo y | cat > f; cat f'
one "a pipeline's children reaped in any order" 'ls / | wc -l'
one "a SIGCHLD handler, sleeps cut short" '"$T"/sig_chld_sleep'
one "children killed with SIGTERM wherever they are" '"$T"/sig_kill_child'
one "stopped and continued children, waited for" '"$T"/sig_stop 1'
one "timeout of a loop that makes no call" \
	"timeout 0.2 sh -c 'while :; do :; done'; echo \$?"
# SIGCHLD comes to one variant between calls (its child died during the
# handler) and to the others inside sigsuspend: 7 runs in 25 hung with
# results read during continue before wake_holders
one "timeout of a loop, three variants" \
	"timeout 0.2 sh -c 'while :; do :; done'; echo \$?" 3
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
