/* Run control: start, step, continue, kill, run, and what a stop shows. */
#include "debugger.h"
#include "trace.h"
#include "compare.h"
#include "format.h"
#include "report.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STEP_SHOWN_MAX 200	/* finished calls a `step N` lists */
#define IGNORED_SHOWN_MAX 10	/* ignored differences a continue lists */
#define PROGRESS_NS 100000000L	/* at most ten progress calls a second */

static void state_text(const struct variant *v, char *buf, size_t size)
{
	if (!format_state(v, buf, size))
		snprintf(buf, size, "(not at a call)");
}

void run_show_calls(struct debugger *d, struct result *r)
{
	struct session *s = d->s;
	unsigned marks[MAX_VARIANTS] = { 0 };
	char text[CALL_TEXT_MAX], first[CALL_TEXT_MAX];
	bool apart = false;

	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &s->v[i];

		for (int j = 0; j < s->n && v->state == VS_SYSCALL; j++)
			if (j != i && s->v[j].state == VS_SYSCALL)
				marks[i] |= compare_call_diffs(&v->call,
							       &s->v[j].call,
							       s->ignore);
		apart |= marks[i] != 0 || v->state != s->v[0].state;
		if (v->state != VS_SYSCALL) {
			state_text(v, text, sizeof(text));
			if (i == 0)
				snprintf(first, sizeof(first), "%s", text);
			else
				apart |= strcmp(text, first) != 0;
		}
	}
	for (int i = 0; i < (apart ? s->n : 1); i++) {
		const struct variant *v = &s->v[i];
		struct fmtcall how = {
			.pm = s->pm, .strsize = s->cfg.strsize,
			.mark = marks[i] & ~COMPARE_DIFF_NAME,
		};
		struct item *it = result_add(r, IT_CALL, apart ? i : RESULT_ALL);

		if (v->state == VS_SYSCALL)
			format_call_with(&v->call, &how, text, sizeof(text));
		else
			state_text(v, text, sizeof(text));
		it->step = s->step;
		it->set = sets_label(d, s->cur);
		it->text = xstrdup(text);
		it->diffarg = -1;
		for (int k = SYSCALL_MAX_ARGS; k-- > 0;)
			if (how.mark >> k & 1)
				it->diffarg = k;
	}
}

void run_add_record(struct debugger *d, struct result *r,
		    const struct histent *h)
{
	unsigned marks[MAX_VARIANTS];
	char text[CALL_TEXT_MAX];

	if (!report_record_marks(d->s, h, marks)) {
		struct item *it = result_add(r, IT_CALL, RESULT_ALL);

		format_record(h, 0, d->s->cfg.strsize, 0, text, sizeof(text));
		it->step = h->step;
		it->set = sets_label(d, h->set);
		it->text = xstrdup(text);
		return;
	}
	for (int v = 0; v < h->n; v++) {
		struct item *it = result_add(r, IT_CALL, v);

		format_record(h, v, d->s->cfg.strsize, marks[v], text,
			      sizeof(text));
		it->step = h->step;
		it->set = sets_label(d, h->set);
		it->text = xstrdup(text);
		it->diffarg = -1;
		for (int i = SYSCALL_MAX_ARGS; i-- > 0;)
			if (marks[v] >> i & 1)
				it->diffarg = i;
	}
}

/* Observer of finished steps: during `step` collects each finished
 * call (results are in the history: $ret reads them there). */
static void observe(void *ctx, const struct histent *h,
		    const struct variant *vs, int n)
{
	struct debugger *d = ctx;

	(void)vs;
	(void)n;
	trace_step(&d->trace, d->s, h);
	if (!d->collect || h->diverged)
		return;
	run_add_record(d, d->collect, h);
}

static void exit_words(const struct stop *st, char *buf, size_t size)
{
	char sig[32];

	if (st->status > 128)
		snprintf(buf, size, "was killed by %s",
			 format_signal(st->status - 128, sig, sizeof(sig)));
	else
		snprintf(buf, size, "exited with status %d", st->status);
}

/* " in set 2 (child 0 of set 0)" when the last stop is not in set 0. */
static void stop_where(const struct debugger *d, char *buf, size_t size)
{
	char name[96];

	buf[0] = '\0';
	if (d->last.set <= 0 || !d->s)
		return;
	dbg_set_name(d->s, d->last.set, name, sizeof(name));
	snprintf(buf, size, " in %s", name);
}

void run_show_stop(struct debugger *d, struct result *r)
{
	const struct stop *st = &d->last;
	struct item *it;
	char words[64], where[128];

	stop_where(d, where, sizeof(where));
	if (d->s && st->set != d->shownset &&
	    (st->reason == STOP_SYSCALL || st->reason == STOP_SIGNAL)) {
		char name[96];

		dbg_set_name(d->s, st->set, name, sizeof(name));
		result_text(r, "Now in %s.", name);
	}
	d->shownset = st->set;

	switch (st->reason) {
	case STOP_START: {
		char pids[128] = "";

		for (int i = 0; i < d->s->n; i++)
			snprintf(pids + strlen(pids), sizeof(pids) - strlen(pids),
				 "%s%d", i ? ", " : "", (int)d->s->v[i].pid);
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = st->step;
		it->text = xasprintf("Started %d variants of %s (pids %s).",
				     d->s->n, d->cfg.argv[0], pids);
		program_show_start(d, r);
		run_show_calls(d, r);
		displays_show(d, r);
		break;
	}
	case STOP_SYSCALL:
		run_show_calls(d, r);
		displays_show(d, r);
		break;
	case STOP_SIGNAL:
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = st->step;
		it->text = xasprintf("Every variant faulted with %s at step %lu%s (step delivers it).",
				     format_signal(d->s->v[0].sig, words,
						   sizeof(words)),
				     st->step, where);
		run_show_calls(d, r);
		displays_show(d, r);
		break;
	case STOP_EXITED:
		exit_words(st, words, sizeof(words));
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = st->step;
		it->text = xasprintf("The program %s (every variant, step %lu).",
				     words, st->step);
		break;
	case STOP_DIVERGED: {
		char *report = report_text(d->s, st), *line, *save = NULL;
		bool first = true;

		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = st->step;
		it->text = xasprintf("The variants diverged at step %lu%s: %s",
				     st->step, where, st->div.what);
		for (line = strtok_r(report, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save), first = false)
			if (!first)
				result_text(r, "%s", line);
		free(report);
		result_text(r, "The variants stay stopped: info, print, x and diff work; \"kill\" or \"run\" to go on (or \"ignore\" what differs, then \"continue\").");
		displays_show(d, r);
		break;
	}
	case STOP_ERROR:
		result_error(r, "%s", st->err.msg);
		break;
	case STOP_INTERRUPTED:
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = st->step;
		it->text = xasprintf("Interrupted after step %lu: the variants stopped where they ran (\"continue\" goes on).",
				     st->step);
		break;
	}
}

/* Stepping: every call's results, and every call a meeting point (the
 * person sees each call of each variant). */
static void step_every_call(struct debugger *d)
{
	struct filter all;

	filter_all(&all);
	session_set_results(d->s, true);
	session_meet(d->s, &all);
}

static void install(struct debugger *d)
{
	d->s->observe = observe;
	d->s->observe_ctx = d;
	session_watch(d->s, &d->hooks.watch);
	ignores_apply(d);
	step_every_call(d);
	d->focus = -1;
	d->shownset = 0;
	d->x.valid = false;
	d->killed = false;
}

int dbg_start(struct debugger *d, struct result *r)
{
	struct error err = { 0 };

	if (d->s) {
		result_error(r, "The program is already running.");
		return -1;
	}
	d->started = true;
	d->have_stop = true;
	if (d->hooks.starting)
		d->hooks.starting(d->hooks.ctx, &d->cfg);
	d->s = session_new(&d->cfg, &err);
	if (!d->s) {
		memset(&d->last, 0, sizeof(d->last));
		d->last.reason = STOP_ERROR;
		d->last.err = err;
		result_error(r, "%s", err.msg);
		return -1;
	}
	install(d);
	d->trace.exec_shown = false;
	session_start(d->s, &d->last);
	if (d->last.reason != STOP_ERROR)
		trace_exec(&d->trace, d->s);
	run_show_stop(d, r);
	return d->last.reason == STOP_ERROR ? -1 : 0;
}

/* Whether the session can take a step; otherwise an error that says
 * why and what to do. */
static bool can_step(struct debugger *d, struct result *r)
{
	char words[64];

	if (!d->s) {
		result_error(r, "The program is not being run.  Use \"run\" to start it.");
		return false;
	}
	if (d->s->diverged && !d->killed && session_recheck(d->s, &d->last)) {
		/* ignore rules made since the divergence let it pass */
		result_text(r, "[step %lu] %s: the call runs as an ignored difference.",
			    d->last.step, d->last.div.what);
		return true;
	}
	if (d->s->diverged && !d->killed) {
		result_error(r, "The variants diverged at step %lu (%s); they stay stopped for inspection.  Use \"kill\" or \"run\", or \"ignore\" what differs if it does not matter.",
			     d->s->step, d->last.div.what);
		return false;
	}
	if (d->killed) {
		result_error(r, "The program is not being run: the variants were killed.  Use \"run\" to start it again.");
		return false;
	}
	if (d->s->ended || d->last.reason == STOP_ERROR) {
		if (d->last.reason == STOP_EXITED) {
			exit_words(&d->last, words, sizeof(words));
			result_error(r, "The program is not being run: it %s.  Use \"run\" to start it again.",
				     words);
		} else {
			result_error(r, "The program is not being run.  Use \"run\" to start it again.");
		}
		return false;
	}
	return true;
}

/* A count argument (default 1). */
static bool count_arg(const struct cmdargs *a, const char *what, long *n,
		      struct result *r)
{
	*n = 1;
	if (a->argc == 0)
		return true;
	if (!cmd_number(a->argv[0], n) || *n < (what[0] == 'c' ? 0 : 1)) {
		result_error(r, "\"%s\" takes a count, not \"%s\".", what,
			     a->argv[0]);
		return false;
	}
	return true;
}

static bool running(const struct stop *st)
{
	return st->reason == STOP_SYSCALL || st->reason == STOP_SIGNAL ||
	       st->reason == STOP_START || st->reason == STOP_INTERRUPTED;
}

/* Moves the last items of from to the end of to (at most max). */
static void move_items(struct result *to, struct result *from, size_t max)
{
	size_t skip = from->n > max ? from->n - max : 0;

	if (skip)
		result_text(to, "(%zu earlier steps not shown; see history)", skip);
	for (size_t i = 0; i < from->n; i++) {
		if (i < skip) {
			free(from->items[i].text);
			from->items[i].text = NULL;
			continue;
		}
		*result_add(to, from->items[i].kind, from->items[i].variant) =
			from->items[i];
		from->items[i].text = NULL;
	}
	from->n = 0;
	result_free(from);
}

void cmd_step(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	struct result finished;
	long n;

	if (!count_arg(a, "step", &n, r) || !can_step(d, r))
		return;
	result_init(&finished);
	d->collect = &finished;
	d->interrupted = 0;
	for (long i = 0; i < n; i++) {
		session_step(d->s, &d->last);
		if (!running(&d->last) || d->interrupted)
			break;
	}
	d->collect = NULL;
	move_items(r, &finished, STEP_SHOWN_MAX);
	if (d->interrupted && running(&d->last) &&
	    d->last.reason != STOP_INTERRUPTED) {
		struct item *it = result_add(r, IT_STOP, RESULT_ALL);

		it->step = d->last.step;
		it->text = xasprintf("Interrupted at step %lu.", d->last.step);
	}
	run_show_stop(d, r);
}

static long elapsed_ns(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	return (now.tv_sec - since->tv_sec) * 1000000000L +
	       (now.tv_nsec - since->tv_nsec);
}

void cmd_continue(struct debugger *d, const struct cmdargs *a,
		  struct result *r)
{
	struct breakpoint fired = { 0 }, *bp = NULL;
	struct condresult cr, firedcr = { 0 };
	char condwords[96];
	struct timespec tick;
	struct filter meet;
	long skip, ignored = 0;
	struct item *it;

	if (!count_arg(a, "continue", &skip, r) || !can_step(d, r))
		return;
	/* gdb's continue N: the hit that stopped counts as the first, so
	 * N - 1 more pass. */
	skip = a->argc == 0 || skip == 0 ? 0 : skip - 1;
	d->interrupted = 0;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &tick);
	/* Every call's results, for history and reports, unless `set
	 * results off` asked for speed (one stop per call the variants
	 * run instead of two) and no trace prints them. */
	session_set_results(d->s, d->results || d->trace.out != NULL);
	/* The calls a trace prints and those breakpoints stop at meet;
	 * the others are answered at their stop (local.h) */
	breaks_calls(d, &meet);
	for (size_t w = 0; d->trace.out && w < FILTER_WORDS; w++)
		meet.bits[w] |= d->trace.filter.bits[w];
	session_meet(d->s, &meet);
	for (;;) {
		session_step(d->s, &d->last);
		if (d->last.reason == STOP_DIVERGED) {
			bp = breaks_divergence(d);
			if (bp)
				breaks_hit(d, bp, &fired);
			break;
		}
		if (d->last.reason != STOP_SYSCALL)
			break;
		if (d->last.div.what[0] && ignored++ < IGNORED_SHOWN_MAX) {
			if (d->last.set > 0)
				result_text(r, "[step %lu set %d] %s",
					    d->last.step, d->last.set,
					    d->last.div.what);
			else
				result_text(r, "[step %lu] %s", d->last.step,
					    d->last.div.what);
		}
		bp = breaks_match(d, &cr);
		if (bp) {
			breaks_hit(d, bp, &fired);
			firedcr = cr;
			/* A condition that cannot be evaluated stops, as
			 * gdb's does. */
			if (cr.failed || skip-- <= 0)
				break;
			bp = NULL;
		}
		if (d->interrupted)
			break;
		if (d->hooks.progress && elapsed_ns(&tick) >= PROGRESS_NS) {
			d->hooks.progress(d->hooks.ctx, d->last.step);
			clock_gettime(CLOCK_MONOTONIC_COARSE, &tick);
		}
	}
	step_every_call(d);
	if (ignored > IGNORED_SHOWN_MAX)
		result_text(r, "(%ld more ignored differences)",
			    ignored - IGNORED_SHOWN_MAX);
	if (bp && fired.kind != BK_DIVERGENCE) {
		if (firedcr.failed)
			result_error(r, "Error in testing the condition of breakpoint %d: %s",
				     fired.num, firedcr.err);
		breaks_cond_words(&fired, &firedcr, condwords, sizeof(condwords));
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = d->last.step;
		it->text = xasprintf("%s %d, %s %s, at step %lu%s.",
				     fired.temporary ? "Temporary breakpoint"
						     : "Breakpoint",
				     fired.num,
				     fired.kind == BK_SYSCALL ? "syscall" :
				     fired.kind == BK_FD ? "fd" : "path",
				     fired.what, d->last.step, condwords);
	} else if (d->interrupted && d->last.reason == STOP_SYSCALL) {
		it = result_add(r, IT_STOP, RESULT_ALL);
		it->step = d->last.step;
		it->text = xasprintf("Interrupted at step %lu.", d->last.step);
	} else if (d->last.reason == STOP_DIVERGED && !bp) {
		result_text(r, "(break divergence is disabled, but a diverging call cannot run: stopped)");
	}
	run_show_stop(d, r);
}

/* The variants of every set that still run, and (*ended) those that
 * exited or were killed. */
static int live_variants(const struct session *s, int *ended)
{
	int live = 0;

	*ended = 0;
	for (int id = 0; id < s->made; id++) {
		const struct vset *set = session_set(s, id);

		for (int v = 0; set && v < s->n; v++) {
			enum vstate st = set->v[v].state;

			if (st == VS_EXITED || st == VS_KILLED)
				(*ended)++;
			else if (st != VS_NEW)
				live++;
		}
	}
	return live;
}

void cmd_kill(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	int live, ended;

	(void)a;
	if (!d->s || d->killed || (d->s->ended && !d->s->diverged)) {
		result_error(r, "The program is not being run.");
		return;
	}
	live = live_variants(d->s, &ended);
	session_kill(d->s);
	d->killed = true;
	d->x.valid = false;
	if (ended)
		result_add(r, IT_STOP, RESULT_ALL)->text =
			xasprintf("Killed %d variant%s (%d had ended already).",
				  live, live == 1 ? "" : "s", ended);
	else
		result_add(r, IT_STOP, RESULT_ALL)->text =
			xasprintf("Killed %d variant%s.", live,
				  live == 1 ? "" : "s");
}

void cmd_run(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	struct runwords w;

	/* A run that cannot start leaves the one that runs alone. */
	if (!program_parse_run(d, a, &w, r))
		return;
	if (d->s && !d->s->ended && !d->killed && d->hooks.confirm &&
	    !d->hooks.confirm(d->hooks.ctx,
			      "The program is being run.  Start it from the beginning? ")) {
		runwords_free(&w);
		result_text(r, "Not restarted.");
		return;
	}
	{
		struct session *s = d->s;

		d->s = NULL;	/* the Ctrl-C handler reads it */
		session_free(s);
	}
	program_apply_run(d, &w);
	dbg_start(d, r);
}
