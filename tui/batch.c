/* Batch mode: no interaction, a trace on request, a report on divergence. */
#include "batch.h"
#include "filter.h"
#include "format.h"
#include "report.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the trace observer needs. */
struct tracer {
	struct filter filter;	/* calls to print */
	FILE *out;		/* where */
	struct session *s;	/* the session traced */
	bool exec_shown;	/* the exec line is out */
};

/* strace's first line, the exec, as "step 0": before the first step. */
static void trace_exec(struct tracer *t)
{
	char text[CALL_TEXT_MAX];

	if (t->exec_shown)
		return;
	t->exec_shown = true;
	if (!filter_match(&t->filter, syscall_lookup("execve")))
		return;
	session_format_exec(t->s, 0, text, sizeof(text));
	fprintf(t->out, "[step 0] %s\n", text);
}

static void trace_step(void *ctx, const struct histent *h,
		       const struct variant *vs, int n)
{
	struct tracer *t = ctx;
	char text[CALL_TEXT_MAX];

	(void)vs;
	(void)n;
	trace_exec(t);
	if (h->nr >= 0 && !filter_match(&t->filter, h->nr))
		return;
	/* variant 0's call alone, unmarked: diffable against strace */
	format_record(h, 0, t->s->cfg.strsize, 0, text, sizeof(text));
	if (h->set > 0)
		fprintf(t->out, "[step %lu set %d] %s\n", h->step, h->set, text);
	else
		fprintf(t->out, "[step %lu] %s\n", h->step, text);
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

static void write_json(const char *path, const struct session *s,
		       const struct stop *st)
{
	char *json = report_json(s, st);
	FILE *f = fopen(path, "w");

	if (!f) {
		fprintf(stderr, "mvdb: cannot write the report to %s: %s\n",
			path, strerror(errno));
	} else {
		fputs(json, f);
		if (fclose(f) != 0)
			fprintf(stderr, "mvdb: cannot write the report to %s: %s\n",
				path, strerror(errno));
	}
	free(json);
}

/* The session signals sent to mvdb are passed on to. */
static struct session *forward_to;

static void on_signal(int sig)
{
	session_forward(forward_to, sig);
}

/* SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to mvdb (or, from the
 * terminal, to its process group) go to the program, which ends (or
 * not) as it would natively; mvdb then exits with its status. */
static void pass_signals_on(struct session *s)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	forward_to = s;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static void stop_passing_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
	forward_to = NULL;
}

int batch_run(const struct options *o)
{
	struct error err = { 0 };
	struct tracer tracer = { .out = stderr };
	struct session *s;
	struct stop st;
	int status = EXIT_MONITOR;
	struct config cfg = o->cfg;

	/* Without commands, results only for a trace: with them forced on,
	 * a handled signal from outside to a program waiting in its own
	 * call (pause) was never delivered (tests/check_batch.c,
	 * signals_to_mvdb_reach_the_program); -e/-x runs read them. */
	cfg.results = o->trace;
	if (o->trace && o->trace_filter &&
	    filter_parse(o->trace_filter, &tracer.filter, &err) == -1) {
		fprintf(stderr, "mvdb: --trace: %s\n", err.msg);
		return EXIT_USAGE;
	}
	if (o->trace && !o->trace_filter)
		filter_all(&tracer.filter);
	s = session_new(&cfg, &err);
	if (!s) {
		fprintf(stderr, "mvdb: %s\n", err.msg);
		return batch_exit_for(&err);
	}
	if (o->trace) {
		tracer.s = s;
		s->observe = trace_step;
		s->observe_ctx = &tracer;
	}
	pass_signals_on(s);
	if (session_start(s, &st) == 0 && o->trace)
		trace_exec(&tracer);
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
			if (o->report)
				write_json(o->report, s, &st);
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
	session_free(s);
	return status;
}
