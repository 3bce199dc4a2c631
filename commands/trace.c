/* The trace, as strace prints calls. */
#include "trace.h"
#include "format.h"

int trace_init(struct tracer *t, const char *filter, FILE *out,
	       struct error *err)
{
	t->out = out;
	t->exec_shown = false;
	if (!filter) {
		filter_all(&t->filter);
		return 0;
	}
	return filter_parse(filter, &t->filter, err);
}

void trace_exec(struct tracer *t, const struct session *s)
{
	char text[CALL_TEXT_MAX];

	if (!t->out || t->exec_shown)
		return;
	t->exec_shown = true;
	if (!filter_match(&t->filter, syscall_lookup("execve")))
		return;
	session_format_exec(s, 0, text, sizeof(text));
	fprintf(t->out, "[step 0] %s\n", text);
	fflush(t->out);
}

void trace_step(struct tracer *t, const struct session *s,
		const struct histent *h)
{
	char text[CALL_TEXT_MAX];

	if (!t->out)
		return;
	trace_exec(t, s);
	if (h->nr >= 0 && !filter_match(&t->filter, h->nr))
		return;
	/* variant 0's call alone, unmarked: diffable against strace */
	format_record(h, 0, s->cfg.strsize, 0, text, sizeof(text));
	if (h->set > 0)
		fprintf(t->out, "[step %lu set %d] %s\n", h->step, h->set,
			text);
	else
		fprintf(t->out, "[step %lu] %s\n", h->step, text);
	fflush(t->out);
}
