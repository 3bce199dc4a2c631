#!/bin/sh
# make -j2 in the current directory: the jobserver pipe, pselect with
# SIGCHLD let through, children reaped in any order.  The recipes copy
# files (a compiler's own address-dependent choices are another matter).
set -e
unset MAKEFLAGS MFLAGS MAKELEVEL	# not the test suite's own make's
for i in 1 2 3 4 5 6 7 8; do
	echo "part $i" > "p$i.in"
done
printf 'all.out: p1.out p2.out p3.out p4.out p5.out p6.out p7.out p8.out\n\tcat $^ > $@\n%%.out: %%.in\n\tcat $< > $@\n' > Makefile
make -s -j2 --no-print-directory
cat all.out
