/* Dispatch: a command line to its handler (prefixes, aliases, argument
 * counts, Enter-repeat) and the debugger's life cycle. */
#include "debugger.h"

#include <ctype.h>
#include <errno.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_HISTLINES 10	/* history without N */

void dbg_keep_results(struct debugger *d, bool on)
{
	d->results = on;
}

int dbg_trace(struct debugger *d, const char *filter, FILE *out,
	      struct error *err)
{
	return trace_init(&d->trace, filter, out, err);
}

struct debugger *dbg_new(const struct config *cfg, const struct dbg_hooks *h)
{
	struct debugger *d = XCNEW(struct debugger);

	d->cfg = *cfg;
	d->input_default = cfg->stdin_path;
	if (!d->cfg.strsize)
		d->cfg.strsize = 32;
	d->cfg.results = true;	/* stepping always reads them */
	d->results = true;
	if (h)
		d->hooks = *h;
	d->histlines = DEFAULT_HISTLINES;
	d->x.fmt = 'x';
	d->x.unit = 4;
	d->x.count = 1;
	d->x.only = -1;
	d->focus = -1;
	d->next_break = 1;
	d->next_display = 1;
	breaks_init(d);
	return d;
}

void dbg_free(struct debugger *d)
{
	if (!d)
		return;
	struct session *s = d->s;

	d->s = NULL;	/* the Ctrl-C handler reads it */
	session_free(s);
	program_free(d);
	free(d->lastline);
	free(d->values);
	free(d);
}

bool dbg_quit_requested(const struct debugger *d)
{
	return d->quit;
}

void dbg_interrupt(struct debugger *d)
{
	d->interrupted = 1;
	session_interrupt(d->s);
}

bool dbg_waits_input(const struct debugger *d)
{
	return d->s && d->s->started && !d->s->ended &&
	       session_waits_input(d->s);
}

void dbg_release_input(struct debugger *d)
{
	if (d->s)
		session_release_input(d->s);
}

const char *dbg_program_input(const struct debugger *d)
{
	if (!d->s)
		return d->cfg.tty ? d->cfg.tty : d->cfg.stdin_path;
	return d->s->cfg.stdin_path ? d->s->cfg.stdin_path : d->s->cfg.tty;
}

struct session *dbg_session(struct debugger *d)
{
	return d->s;
}

const struct stop *dbg_last_stop(const struct debugger *d)
{
	return &d->last;
}

int dbg_exit_status(const struct debugger *d)
{
	if (!d->have_stop)
		return 125;
	switch (d->last.reason) {
	case STOP_EXITED:
		return d->last.status;
	case STOP_DIVERGED:
		return 86;
	case STOP_ERROR:
		switch (d->last.err.code) {
		case ERR_USAGE:
			return 2;
		case ERR_NOTFOUND:
			return 127;
		case ERR_NOEXEC:
			return 126;
		default:
			return 125;
		}
	default:
		/* Still running when the commands ran out: killed, and
		 * that is what the person asked for. */
		return 0;
	}
}

bool cmd_number(const char *word, long *val)
{
	char *end;
	long v;

	if (!word || !*word || isspace((unsigned char)*word))
		return false;
	errno = 0;
	v = strtol(word, &end, 0);
	if (*end || errno)
		return false;
	*val = v;
	return true;
}

bool cmd_need_session(struct debugger *d, struct result *r)
{
	if (d->s && !d->s->ended)
		return true;
	result_error(r, "The program is not being run.  Use \"run\" to start it.");
	return false;
}

int cmd_parse_in(struct debugger *d, int argc, char **argv, int *only,
		 struct result *r)
{
	long k;

	*only = -1;
	if (argc < 2 || strcmp(argv[argc - 2], "in") != 0)
		return argc;
	if (!cmd_number(argv[argc - 1], &k) || k < 0 ||
	    k >= (d->s ? d->s->n : d->cfg.nvariants)) {
		result_error(r, "\"in %s\": no such variant (variants are 0 to %d).",
			     argv[argc - 1],
			     (d->s ? d->s->n : d->cfg.nvariants) - 1);
		return -2;
	}
	*only = (int)k;
	return argc - 2;
}

const char *cmd_word_at(const char *text, int k)
{
	const char *p = text;

	for (;;) {
		char quote = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			return NULL;
		if (k-- == 0)
			return p;
		for (; *p && (quote || !isspace((unsigned char)*p)); p++) {
			if (*p == '\\' && p[1])
				p++;
			else if (quote && *p == quote)
				quote = 0;
			else if (!quote && (*p == '\'' || *p == '"'))
				quote = *p;
		}
	}
}

const struct command *cmd_lookup(const char *word, struct result *r)
{
	const struct command *found = NULL;
	char names[512] = "";
	int matches = 0;
	size_t len = strlen(word);

	for (int i = 0; i < ncommands; i++) {
		const struct command *c = &commands[i];

		if (strcmp(c->name, word) == 0)
			return c;
		for (int k = 0; c->aliases && c->aliases[k]; k++)
			if (strcmp(c->aliases[k], word) == 0)
				return c;
	}
	for (int i = 0; len && i < ncommands; i++) {
		if (strncmp(commands[i].name, word, len) != 0)
			continue;
		found = &commands[i];
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", matches ? ", " : "", found->name);
		matches++;
	}
	if (matches == 1)
		return found;
	if (matches > 1)
		result_error(r, "Ambiguous command \"%s\": %s.", word, names);
	else
		result_error(r, "Undefined command: \"%s\".  Try \"help\".", word);
	return NULL;
}

/* The command word: letters, digits, '-' and '_' (x/8xg ends at '/'). */
static size_t word_len(const char *p)
{
	size_t n = 0;

	while (isalnum((unsigned char)p[n]) || p[n] == '-' || p[n] == '_')
		n++;
	return n;
}

static bool blank(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return !*p;
}

/* What Enter after line should run, or NULL. */
static char *repeat_line(const struct command *c, const char *suffix)
{
	switch (c->repeat) {
	case REPEAT_NONE:
		return NULL;
	case REPEAT_X:
		return xasprintf("x%s", suffix);
	default:
		return NULL;
	}
}

/* The command a line names, its /FMT suffix (64 bytes) and where its
 * arguments begin; NULL with an error in r when it names none, and NULL
 * with r untouched for a blank line or a comment. */
static const struct command *line_command(const char *line, char *suffix,
					  const char **rest, struct result *r)
{
	const char *p = line;
	char word[64];
	size_t n;

	suffix[0] = '\0';
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#')
		return NULL;
	n = word_len(p);
	if (n == 0 || n >= sizeof(word)) {
		n = strcspn(p, " \t/");
		result_error(r, "Undefined command: \"%.*s\".  Try \"help\".",
			     (int)(n ? n : 1), p);
		return NULL;
	}
	memcpy(word, p, n);
	word[n] = '\0';
	*rest = p + n;
	if (**rest == '/') {
		size_t m = strcspn(*rest, " \t");

		if (m >= 64) {
			result_error(r, "\"%.20s...\": the /FMT part is too long.", *rest);
			return NULL;
		}
		memcpy(suffix, *rest, m);
		suffix[m] = '\0';
		*rest += m;
	} else if (**rest && !isspace((unsigned char)**rest)) {
		n = strcspn(p, " \t");
		result_error(r, "Undefined command: \"%.*s\".  Try \"help\".",
			     (int)n, p);
		return NULL;
	}
	return cmd_lookup(word, r);
}

static void execute(struct debugger *d, const char *line, struct result *r);

bool dbg_check_line(struct debugger *scratch, const char *line,
		    struct result *r)
{
	char suffix[64];
	const char *rest;
	size_t errors = r->n;
	const struct command *c = line_command(line, suffix, &rest, r);

	if (c && c->setup && !scratch->s) {
		struct result quiet;

		scratch->scratch = true;
		/* Only its errors count; what it says is said at the run. */
		result_init(&quiet);
		execute(scratch, line, &quiet);
		for (size_t i = 0; i < quiet.n; i++)
			if (quiet.items[i].kind == IT_ERROR)
				result_error(r, "%s", quiet.items[i].text);
		result_free(&quiet);
	}
	for (size_t i = errors; i < r->n; i++)
		if (r->items[i].kind == IT_ERROR)
			return false;
	return true;
}

bool dbg_echoes_line(const char *line)
{
	char suffix[64];
	const char *rest;
	const struct command *c;
	struct result r;

	result_init(&r);
	c = line_command(line, suffix, &rest, &r);
	result_free(&r);
	return !c || !c->narration;
}

static void execute(struct debugger *d, const char *line, struct result *r)
{
	const char *rest;
	char suffix[64];
	const struct command *c;
	struct cmdargs a = { 0 };
	char **argv = NULL;

	c = line_command(line, suffix, &rest, r);
	if (!c)
		return;
	/* Narration between commands leaves Enter repeating the last
	 * command, as the person expects in a demo. */
	if (!c->narration) {
		free(d->lastline);
		d->lastline = c->repeat == REPEAT_SAME ? xstrdup(line)
						       : repeat_line(c, suffix);
	}
	if (suffix[0] && !c->suffix) {
		result_error(r, "\"%s\" takes no /FMT (only x, print and display do).",
			     c->name);
		return;
	}
	if (!blank(rest)) {
		argv = buildargv(rest);
		if (!argv) {
			result_error(r, "Cannot split the arguments of \"%s\".", c->name);
			return;
		}
		while (argv[a.argc])
			a.argc++;
	}
	a.argv = argv ? argv : (char *[]){ NULL };
	a.suffix = suffix;
	a.rest = rest;
	if (a.argc < c->minargs) {
		result_error(r, "\"%s\" needs %s argument%s.  Usage: %s", c->name,
			     c->minargs == 1 ? "an" : "more",
			     c->minargs == 1 ? "" : "s", c->usage);
	} else if (c->maxargs >= 0 && a.argc > c->maxargs) {
		if (c->maxargs == 0)
			result_error(r, "\"%s\" takes no arguments.", c->name);
		else
			result_error(r, "\"%s\" takes at most %d argument%s.  Usage: %s",
				     c->name, c->maxargs,
				     c->maxargs == 1 ? "" : "s", c->usage);
	} else {
		c->run(d, &a, r);
	}
	freeargv(argv);
}

void dbg_execute(struct debugger *d, const char *line, struct result *r)
{
	if (blank(line)) {
		if (d->lastline) {
			char *again = xstrdup(d->lastline);

			execute(d, again, r);
			free(again);
		}
		return;
	}
	execute(d, line, r);
}
