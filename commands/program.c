/* The program's arguments, standard input and terminal, as gdb users
 * set them: `run ARGS... < FILE` and `tty DEV` (gdb's `set
 * inferior-tty`).  Both take effect when the program starts. */
#include "debugger.h"

#include <errno.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether path can be the program's input; else an error in r.  Looked
 * at, not opened: opening a device may do things (the session opens it
 * when the program starts, after the program was found). */
static bool input_ok(const char *path, struct result *r)
{
	struct stat st;
	int e = 0;

	if (stat(path, &st) == -1 || access(path, R_OK) == -1)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	if (e)
		result_error(r, "Cannot read %s: %s.", path, strerror(e));
	return !e;
}

/* Whether path can be the program's terminal (looked at, as above);
 * *tty: it is a character device, which a terminal is. */
static bool tty_ok(const char *path, bool *tty, struct result *r)
{
	struct stat st;

	if (stat(path, &st) == -1 || access(path, R_OK | W_OK) == -1) {
		result_error(r, "Cannot open %s as the program's terminal: %s.",
			     path, strerror(errno));
		return false;
	}
	*tty = S_ISCHR(st.st_mode);
	return true;
}

void runwords_free(struct runwords *w)
{
	freeargv(w->args);
	free(w->input);
	memset(w, 0, sizeof(*w));
}

/* A redirection mvdb does not make: the program's output goes where
 * mvdb (or `tty`) puts it. */
static bool output_redirection(const char *word)
{
	return word[0] == '>' || strncmp(word, "1>", 2) == 0 ||
	       strncmp(word, "2>", 2) == 0 || strncmp(word, "&>", 2) == 0 ||
	       strcmp(word, "|") == 0;
}

bool program_parse_run(struct debugger *d, const struct cmdargs *a,
		       struct runwords *w, struct result *r)
{
	const char *input = NULL;
	bool tty;
	int n = 1;

	memset(w, 0, sizeof(*w));
	if (a->argc > 0) {
		w->given = true;
		w->args = XNEWVEC(char *, a->argc + 2);
		w->args[0] = xstrdup(d->cfg.argv[0]);
	}
	for (int i = 0; i < a->argc; i++) {
		const char *word = a->argv[i];

		if (word[0] == '<') {
			if (input) {
				result_error(r, "\"run\" takes one input (< FILE), not two.");
				goto bad;
			}
			input = word[1] ? word + 1 : a->argv[++i];
			if (!input) {
				result_error(r, "\"run\": no file after \"<\".  Usage: run [ARG...] [< FILE]");
				goto bad;
			}
			continue;
		}
		if (output_redirection(word)) {
			result_error(r, "\"run\" redirects only the program's input (< FILE), not \"%s\"; its output goes to mvdb, or to a terminal of its own (see \"help tty\").",
				     word);
			goto bad;
		}
		w->args[n++] = xstrdup(word);
	}
	if (w->args)
		w->args[n] = NULL;
	/* the input this run reads: the words', or with none the default,
	 * or without words the last run's */
	if (!input)
		input = w->given ? d->input_default : d->cfg.stdin_path;
	if (input && !input_ok(input, r))
		goto bad;
	if (input && w->given && input != d->input_default)
		w->input = xstrdup(input);
	if (d->cfg.tty && !tty_ok(d->cfg.tty, &tty, r))
		goto bad;
	return true;
bad:
	if (w->args)
		w->args[n] = NULL;
	runwords_free(w);
	return false;
}

void program_apply_run(struct debugger *d, struct runwords *w)
{
	if (!w->given)
		return;
	freeargv(d->args);
	d->args = w->args;
	d->cfg.argv = d->args;
	free(d->input);
	d->input = w->input;
	d->cfg.stdin_path = d->input ? d->input : d->input_default;
	memset(w, 0, sizeof(*w));
}

void program_free(struct debugger *d)
{
	freeargv(d->args);
	free(d->input);
	free(d->tty);
	d->args = NULL;
	d->input = d->tty = NULL;
}

/* Whether the session that runs now got its streams from tty. */
static bool running_on(const struct debugger *d, const char *tty)
{
	const struct session *s = d->s;

	if (!s || s->ended || d->killed)
		return false;
	if (!tty || !s->cfg.tty)
		return !tty && !s->cfg.tty;
	return strcmp(tty, s->cfg.tty) == 0;
}

void cmd_tty(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	const char *when;
	bool tty = true;

	if (a->argc == 0) {
		if (d->cfg.tty)
			result_text(r, "The program's terminal is %s%s.", d->cfg.tty,
				    running_on(d, d->cfg.tty) ? "" :
				    " from the next \"run\"");
		else
			result_text(r, "The program has no terminal of its own: its input and output are mvdb's%s (\"tty DEV\" gives it one).",
				    running_on(d, NULL) ? "" :
				    " from the next \"run\"");
		return;
	}
	when = d->s && !d->s->ended && !d->killed ?
		       "; the program that runs keeps its streams: \"run\" starts it again there" :
		       "; \"run\" starts it there";
	if (strcmp(a->argv[0], "none") == 0) {
		free(d->tty);
		d->tty = NULL;
		d->cfg.tty = NULL;
		result_text(r, "The program's input and output are mvdb's from the next \"run\"%s.",
			    running_on(d, NULL) ? "" :
			    d->s && !d->s->ended && !d->killed ?
				    " (the program that runs keeps its terminal)" : "");
		return;
	}
	if (!tty_ok(a->argv[0], &tty, r))
		return;
	free(d->tty);
	d->tty = xstrdup(a->argv[0]);
	d->cfg.tty = d->tty;
	result_text(r, "The program's terminal is %s from the next run%s.",
		    d->tty, when);
	if (!tty)
		result_text(r, "(%s is not a terminal: the program reads and writes it, but it cannot be its controlling terminal.)",
			    d->tty);
}

void program_show_start(struct debugger *d, struct result *r)
{
	const struct session *s = d->s;

	if (!s)
		return;
	if (s->cfg.tty)
		result_text(r, "The program's input and output are on %s%s.",
			    s->cfg.tty,
			    s->ctty ? ", its controlling terminal" :
			    !isatty(s->opened[1]) ? "" :
			    " (another session's controlling terminal: keys such as Ctrl-C typed there do not reach the program)");
	if (s->cfg.stdin_path)
		result_text(r, "The program reads %s as its standard input.",
			    s->cfg.stdin_path);
}
