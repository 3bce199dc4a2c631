/* Signals, differentially (differential.c): handlers run where and when
 * they would natively, with the siginfo the sender gave, interrupted
 * calls end as the kernel's rules say, and no signal waits for a system
 * call that never comes. */
#include "differential.h"
#include "suites.h"

/* timeout outside mvdb, as a user runs it: mvdb is sent its SIGTERM
 * (3 s: the program is in its wait by then even on a loaded machine) */
#define TIMEOUT "timeout --preserve-status 3"

/* A user outside the program stops it (SIG: kill -SIG to the pid it
 * wrote), waits until it is stopped, continues it (kill -CONT) and
 * lets it end (the file "go"). */
#define STOP_CONT(SIG)                                                    \
	"sh -c '\"$@\" & p=$!; i=0; "                                       \
	"while [ ! -s pid ] && [ $i -lt 1000 ]; do sleep 0.01; "          \
	"i=$((i+1)); done; k=$(cat pid); kill -" SIG " $k; i=0; n=0; "    \
	"while [ $n -lt 3 ] && [ $i -lt 500 ]; do "                       \
	"if grep -q \"^State:.*[Tt]\" /proc/$k/status; then n=$((n+1)); " \
	"else n=0; fi; sleep 0.02; i=$((i+1)); done; "                    \
	"kill -CONT $k; touch go; wait $p' sh"

/* A user outside the program stops it (SIG: kill -SIG to the pid it
 * wrote) and lets it go on by itself. */
#define STOP_OUTSIDE(SIG)                                                \
	"sh -c '\"$@\" & p=$!; i=0; "                                      \
	"while [ ! -s pid ] && [ $i -lt 1000 ]; do sleep 0.01; "         \
	"i=$((i+1)); done; kill -" SIG " $(cat pid); wait $p' sh"

static const struct pcase cases[] = {
	{ "raise, kill and tgkill of itself run the handler before they return",
	  "$T/sig_raise" },
	{ "a shell's trap runs before the kill of itself returns",
	  "bash -c \"trap 'echo got INT' INT; kill -INT \\$\\$; echo after\"" },
	{ "signals sent to itself while blocked run their handlers before the "
	  "sigprocmask that unblocks them returns", "$T/sig_unblock" },
	{ "a grandchild killed by its death signal (PR_SET_PDEATHSIG) as its "
	  "parent ends", "$T/proc_pdeath" },
	{ "sigwaitinfo and sigtimedwait name the sender as fork returned it",
	  "$T/sig_wait_sender" },
	{ "sigqueue's value, SI_QUEUE and the sender's pid reach the handler",
	  "$T/sig_info" },
	{ "a signal for a thread that is not the leader runs its handler there",
	  "$T/sig_thread" },
	{ "and with SA_RESTART the thread's read goes on after the handler",
	  "$T/sig_thread restart" },
	{ "SIGALRM with no handler ends a program that makes no call",
	  "$T/sig_alarm_busy" },
	{ "a timer's handler runs while the program computes",
	  "$T/sig_timer_busy" },
	{ "timeout ends a shell loop that makes no call",
	  "timeout 1 sh -c 'while :; do :; done'" },
	{ "a SIGCHLD handler and sleeps cut short in one variant only",
	  "$T/sig_chld_sleep" },
	{ "two workers ending at once, reaped by a SIGCHLD handler from "
	  "sigsuspend, 20 rounds", "$T/sig_chld_pair" },
	{ "and workers that catch SIGTERM and sleep until it came",
	  "$T/sig_chld_pair handler" },
	{ "and workers that end at the end of a pipe",
	  "$T/sig_chld_pair pipe" },
	{ "a futex the kernel makes again after a signal another thread took "
	  "is no new call", "$T/sig_silent_restart" },
	{ "a forked child keeps its parent's SA_RESTART handler",
	  "$T/sig_restart_fork" },
	{ "alarm and pause, a POSIX timer's value, sigsuspend, sigtimedwait, "
	  "signalfd", "$T/sig_timers" },
	{ "waitid's siginfo names the child fork returned", "$T/sig_waitid" },
	{ "children killed with SIGTERM wherever they are, 30 times",
	  "$T/sig_kill_child" },
	{ "stop signals stop a child (looping on a call, sleeping or "
	  "computing) and SIGCONT continues it, as its parent's waits see",
	  "$T/sig_stop" },
	{ "process groups moved by setpgid as getpgid, getpgrp and a group's "
	  "kill see them; tcgetpgrp and tcsetpgrp on a posix_openpt terminal",
	  "$T/sig_pgrp" },
	{ "a child polling getppid until its parent ends is told the same "
	  "in every variant, 5 times (each variant's parent dies at its own "
	  "moment)", "$T/proc_orphan" },
	{ "timeout's SIGTERM to mvdb ends a read of a pipe the platform "
	  "waits in", "$T/sig_outer_wait pipe", .outer = TIMEOUT },
	{ "and its handler runs, the read failing with EINTR",
	  "$T/sig_outer_wait pipe handler", .outer = TIMEOUT },
	{ "timeout's SIGTERM and a poll the platform waits in",
	  "$T/sig_outer_wait poll handler", .outer = TIMEOUT },
	{ "timeout's SIGTERM and a sleep", "$T/sig_outer_wait sleep handler",
	  .outer = TIMEOUT },
	{ "timeout's SIGTERM and a semaphore's futex wait",
	  "$T/sig_outer_wait sem handler", .outer = TIMEOUT },
	{ "timeout's SIGTERM and a loop that makes no call",
	  "$T/sig_outer_wait spin handler", .outer = TIMEOUT },
	{ "timeout's SIGTERM and calls of its own, some variants at one "
	  "already", "$T/sig_outer_wait calls", .outer = TIMEOUT },
	{ "timeout's SIGTERM reaches a child too (the program's group)",
	  "$T/sig_outer_wait child", .outer = TIMEOUT },
	{ "timeout's SIGTERM at moments of the start, while the variants "
	  "are being started", "sleep 5", .outer =
	  "sh -c 'for d in 0.001 0.002 0.004 0.006 0.008 0.01 0.015 0.02 "
	  "0.03; do timeout --preserve-status $d \"$@\"; echo $?; done' sh" },
	{ "timeout ends a shell waiting for its sleep at once",
	  "sh -c 'sleep 30; echo late'", .outer = TIMEOUT },
	{ "SIGSTOP and SIGCONT from outside: the program goes on",
	  "$T/sig_outer_cont", .outer = STOP_CONT("STOP") },
	{ "and its SIGCONT handler runs as it goes on, with kill's siginfo",
	  "$T/sig_outer_cont handler", .outer = STOP_CONT("STOP") },
	{ "SIGTSTP and SIGCONT from outside, a SIGCONT handler",
	  "$T/sig_outer_cont handler", .outer = STOP_CONT("TSTP") },
	{ "SIGTSTP stops a child in its sleep at once, the sleep going on "
	  "with the time it had left once continued", "$T/sig_stop_wait sleep" },
	{ "and in a read the platform waits in, made again once continued",
	  "$T/sig_stop_wait pipe" },
	{ "SIGSTOP from outside stops a child in its sleep at once",
	  "$T/sig_stop_wait sleep outside", .outer = STOP_OUTSIDE("STOP") },
	{ "and in a read the platform waits in (variant 0 waits in the kernel meanwhile)",
	  "$T/sig_stop_wait pipe outside", .outer = STOP_OUTSIDE("STOP") },
	{ "SIGTERM from outside ends a child in a read the platform waits in",
	  "$T/sig_stop_wait pipe outside", .outer = STOP_OUTSIDE("TERM") },
	{ "a shell pipeline into a file, 100 times (SIGCHLD at any point)",
	  "sh -c 'for i in $(seq 100); do echo y | cat > f; done; cat f'" },
};

static struct difftable table = { cases, sizeof(cases) / sizeof(cases[0]) };

DIFF_TABLE_TESTS(table)

DIFF_SUITE(signals_suite, "signals", table)
