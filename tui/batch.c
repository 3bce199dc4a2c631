/* Batch mode: no interaction, a trace on request, a report on divergence. */
#include "batch.h"
#include "commands.h"
#include "inspect.h"
#include "report.h"
#include "reportfile.h"
#include "trace.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the trace observer needs. */
struct traced {
	struct tracer t;	/* the trace */
	struct session *s;	/* the session traced */
};

static void trace_observe(void *ctx, const struct histent *h,
			  const struct variant *vs, int n)
{
	struct traced *td = ctx;

	(void)vs;
	(void)n;
	trace_step(&td->t, td->s, h);
}

int batch_exit_for(const struct error *err)
{
	switch (err->code) {
	case ERR_USAGE:
		return EXIT_USAGE;
	case ERR_NOTFOUND:
		return EXIT_NOTFOUND;
	case ERR_NOEXEC:
		return EXIT_NOEXEC;
	default:
		return EXIT_MONITOR;
	}
}

/* A signal that ends programs came after a second or more with no stop
 * (watch.stalled): says, before the variants take it, where the
 * variants of each thread that stand apart are (one at a call its
 * counterpart has not reached, the other asleep in a call of its own,
 * such as a lock's futex), so that a run that hung in a lock cycle
 * across variants says so as it ends. */
static void say_stalled(void *ctx, int sig)
{
	const struct session *s = ctx;
	bool said = false;

	for (int k = 0; k < s->nsets; k++) {
		const struct vset *set = s->sets[k];
		char states[MAX_VARIANTS][96], name[96];

		if (!inspect_apart(s, set))
			continue;
		for (int i = 0; i < s->n; i++)
			inspect_state_now(s, set, i, states[i],
					  sizeof(states[i]));
		if (!said)
			fprintf(stderr, "mvdb: SIG%s came after a second or more with no call; these variants stood apart:\n",
				sigabbrev_np(sig) ? sigabbrev_np(sig) : "?");
		said = true;
		dbg_set_name(s, set->id, name, sizeof(name));
		fprintf(stderr, "  %s:", name);
		for (int i = 0; i < s->n; i++)
			fprintf(stderr, "%s variant %d %s", i ? ";" : "", i,
				states[i]);
		fputc('\n', stderr);
	}
}

/* The session signals sent to mvdb are passed on to. */
static struct session *forward_to;

/* Whether sig, sent to mvdb, went to its whole process group as
 * natively it would have gone to the program's: sent by a terminal
 * (SIGINT, SIGQUIT, SIGHUP), or a SIGTERM from a process of mvdb's own
 * group, which is how timeout (mvdb its child) ends a job.  A user's
 * kill -TERM from elsewhere is for the first process alone. */
static bool to_group(int sig, const siginfo_t *si)
{
	if (sig != SIGTERM)
		return true;
	return si->si_code == SI_USER && si->si_pid > 0 &&
	       getpgid(si->si_pid) == getpgrp();
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	session_forward(forward_to, sig, to_group(sig, si));
}

/* Ctrl-Z: the job a shell of the program put in the terminal's
 * foreground stops; with none, mvdb stops, as the program would (its
 * variants stop only at their next event), and goes on when
 * continued. */
static void on_stop_key(int sig)
{
	sigset_t tstp;

	if (session_forward_stop(forward_to, sig))
		return;
	signal(sig, SIG_DFL);
	sigemptyset(&tstp);
	sigaddset(&tstp, sig);
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	raise(sig);
	signal(sig, on_stop_key);
}

/* SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to mvdb (or, from the
 * terminal, to its process group) go to the program, which ends (or
 * not) as it would natively; mvdb then exits with its status. */
static void pass_signals_on(struct session *s)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_RESTART | SA_SIGINFO;
	forward_to = s;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGTSTP, on_stop_key);
}

/* The run is over: a signal that comes now (timeout's second SIGTERM,
 * to its group, right after the first) would natively find no program,
 * so it must not end mvdb before it exits with the program's status. */
static void stop_passing_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_IGN);
	signal(SIGTSTP, SIG_DFL);
	forward_to = NULL;
}

int batch_run(const struct options *o)
{
	struct error err = { 0 };
	struct traced tracer = { 0 };
	struct session *s;
	struct stop st;
	int status = EXIT_MONITOR;
	struct config cfg = o->cfg;
	struct reportfile rf;

	if (!reportfile_open(&rf, o->report))
		return EXIT_USAGE;
	/* Every call's results, for the report's last steps, unless
	 * --no-results asks for speed and no trace prints them. */
	cfg.results = !o->no_results || o->trace;
	/* nobody sees single calls: plain reads need no stop (fastread.c) */
	cfg.fast_reads = !o->trace && !cfg.strict && o->ncommands == 0;
	if (o->trace && trace_init(&tracer.t, o->trace_filter, o->trace_out,
				   &err) == -1) {
		fprintf(stderr, "mvdb: --trace: %s\n", err.msg);
		reportfile_finish(&rf, NULL, NULL);
		return EXIT_USAGE;
	}
	s = session_new(&cfg, &err);
	if (!s) {
		fprintf(stderr, "mvdb: %s\n", err.msg);
		reportfile_finish(&rf, NULL, NULL);
		return batch_exit_for(&err);
	}
	/* Calls that need no meeting are answered at their stop, unless
	 * the trace prints them (local.h): --trace=%file lets a threaded
	 * program's clock reads go so, as without a trace. */
	if (o->trace) {
		session_meet(s, &tracer.t.filter);
	} else {
		struct filter none = { 0 };

		session_meet(s, &none);
	}
	if (o->trace) {
		tracer.s = s;
		s->observe = trace_observe;
		s->observe_ctx = &tracer;
	}
	s->watch.stalled = say_stalled;
	s->watch.ctx = s;
	pass_signals_on(s);
	if (session_start(s, &st) == 0 && o->trace)
		trace_exec(&tracer.t, s);
	for (;;) {
		switch (st.reason) {
		case STOP_START:
		case STOP_SYSCALL:
		case STOP_SIGNAL:
		case STOP_INTERRUPTED:	/* batch runs are not interrupted */
			session_step(s, &st);
			continue;
		case STOP_EXITED:
			status = st.status;
			break;
		case STOP_DIVERGED: {
			char *text = report_text(s, &st);

			fputs(text, stderr);
			free(text);
			reportfile_finish(&rf, s, &st);
			status = EXIT_DIVERGED;
			break;
		}
		case STOP_ERROR:
			fprintf(stderr, "mvdb: %s\n", st.err.msg);
			status = batch_exit_for(&st.err);
			break;
		}
		break;
	}
	stop_passing_signals();
	reportfile_finish(&rf, NULL, NULL);
	session_free(s);
	return status;
}
