/* Completion: command names, subcommands, syscall names and %classes,
 * breakpoint and display numbers, settings, $names and type names.  Path arguments are left to the
 * front end (see dbg_complete_wants_path in commands.h). */
#include "debugger.h"
#include "inspect.h"

#include <ctype.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDS_MAX 16	/* words before the one completed */

/* A growing list of candidates. */
struct cands {
	char **v;	/* the strings; owned */
	size_t n, cap;	/* used and allocated */
};

static void cand_add(struct cands *c, const char *prefix, const char *word,
		     const char *text)
{
	char *full = xasprintf("%s%s", prefix, word);

	if (strncmp(full, text, strlen(text)) != 0) {
		free(full);
		return;
	}
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], full) == 0) {
			free(full);
			return;
		}
	if (c->n + 2 >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = XRESIZEVEC(char *, c->v, c->cap);
	}
	c->v[c->n++] = full;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* As rl_completion_matches: [common prefix, matches..., NULL], or
 * [the match, NULL], or NULL. */
static char **cand_finish(struct cands *c)
{
	char **out;
	size_t common;

	if (c->n == 0) {
		free(c->v);
		return NULL;
	}
	qsort(c->v, c->n, sizeof(*c->v), by_name);
	if (c->n == 1) {
		c->v[1] = NULL;
		return c->v;
	}
	common = strlen(c->v[0]);
	for (size_t i = 1; i < c->n; i++) {
		size_t k = 0;

		while (k < common && c->v[i][k] == c->v[0][k])
			k++;
		common = k;
	}
	out = XNEWVEC(char *, c->n + 2);
	out[0] = xstrndup(c->v[0], common);
	memcpy(out + 1, c->v, c->n * sizeof(*out));
	out[c->n + 1] = NULL;
	free(c->v);
	return out;
}

char **complete_list(const char *const *words, const char *text)
{
	struct cands c = { 0 };

	for (int i = 0; words[i]; i++)
		cand_add(&c, "", words[i], text);
	return cand_finish(&c);
}

char **complete_commands(struct debugger *d, char **words, int nwords,
			 const char *text)
{
	struct cands c = { 0 };

	(void)d;
	(void)words;
	if (nwords > 0)
		return NULL;
	for (int i = 0; i < ncommands; i++)
		cand_add(&c, "", commands[i].name, text);
	return cand_finish(&c);
}

/* Syscall names and %classes for the last item of a comma list. */
static char **complete_calls(const char *text)
{
	struct cands c = { 0 };
	const char *comma = strrchr(text, ',');
	size_t plen = comma ? (size_t)(comma - text) + 1 : 0;
	char *prefix = xstrndup(text, plen);

	if (text[plen] == '!')
		prefix = reconcat(prefix, prefix, "!", NULL);
	for (unsigned i = 0; syscall_class_name(i); i++) {
		char *cls = xasprintf("%%%s", syscall_class_name(i));

		cand_add(&c, prefix, cls, text);
		free(cls);
	}
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++)
		if (syscall_get(nr))
			cand_add(&c, prefix, syscall_name(nr), text);
	free(prefix);
	return cand_finish(&c);
}

static bool is_prefix(const char *word, const char *of)
{
	return *word && strncmp(of, word, strlen(word)) == 0;
}

static const char *const break_kinds[] = {
	"divergence", "syscall", "fd", "path", NULL,
};

char **complete_break(struct debugger *d, char **words, int nwords,
		      const char *text)
{
	static const char *const cond[] = { "if", NULL };

	if (nwords == 0)
		return complete_list(break_kinds, text);
	if (nwords == 1 && is_prefix(words[0], "syscall"))
		return complete_calls(text);
	if (nwords == 2 && !is_prefix(words[0], "divergence"))
		return complete_list(cond, text);
	if (nwords > 2 && strcmp(words[2], "if") == 0)
		return complete_expr(d, words, nwords, text);
	return NULL;
}

char **complete_condition(struct debugger *d, char **words, int nwords,
			  const char *text)
{
	if (nwords == 0)
		return complete_breaknums(d, words, nwords, text);
	return complete_expr(d, words, nwords, text);
}

char **complete_displays(struct debugger *d, char **words, int nwords,
			 const char *text)
{
	struct cands c = { 0 };

	(void)words;
	(void)nwords;
	for (int i = 0; i < d->ndisplays; i++) {
		char num[16];

		snprintf(num, sizeof(num), "%d", d->displays[i].num);
		cand_add(&c, "", num, text);
	}
	return cand_finish(&c);
}

char **complete_breaknums(struct debugger *d, char **words, int nwords,
			  const char *text)
{
	struct cands c = { 0 };

	(void)words;
	(void)nwords;
	for (int i = 0; i < MAX_BREAKS; i++) {
		char num[16];

		if (!d->breaks[i].num)
			continue;
		snprintf(num, sizeof(num), "%d", d->breaks[i].num);
		cand_add(&c, "", num, text);
	}
	return cand_finish(&c);
}

char **complete_info(struct debugger *d, char **words, int nwords,
		     const char *text)
{
	(void)d;
	if (nwords == 0)
		return complete_list(info_topics, text);
	if (is_prefix(words[0], "registers"))
		return complete_list(inspect_reg_names, text);
	return NULL;
}

char **complete_settings(struct debugger *d, char **words, int nwords,
			 const char *text)
{
	struct cands c = { 0 };

	if (nwords == 1 && is_prefix(words[0], "focus"))
		return complete_sets(d, text);
	if (nwords > 0)
		return NULL;
	for (int i = 0; settings[i].name; i++)
		cand_add(&c, "", settings[i].name, text);
	return cand_finish(&c);
}

char **complete_show(struct debugger *d, char **words, int nwords,
		     const char *text)
{
	return nwords == 0 ? complete_settings(d, words, nwords, text) : NULL;
}

char **complete_ignore(struct debugger *d, char **words, int nwords,
		       const char *text)
{
	static const char *const first[] = { "syscall", "delete", NULL };
	static const char *const arg[] = { "arg", NULL };

	(void)d;
	if (nwords == 0)
		return complete_list(first, text);
	if (strcmp(words[0], "syscall") != 0)
		return NULL;
	if (nwords == 1)
		return complete_calls(text);
	return nwords == 2 ? complete_list(arg, text) : NULL;
}

/* Whether a type name may come next after word: it opens a cast,
 * "(unsigned" or "*(". */
static bool in_cast(const char *word)
{
	const char *paren = strrchr(word, '(');

	if (!paren)
		return false;
	for (const char *p = paren + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	return true;
}

/* $names and type names at the end of an expression's word (after an
 * operator, a parenthesis or the start): "$ar", "1+$r", "*(uns". */
char **complete_expr(struct debugger *d, char **words, int nwords,
		     const char *text)
{
	struct cands c = { 0 };
	static const char *const names[] = {
		"arg0", "arg1", "arg2", "arg3", "arg4", "arg5", "ret", NULL,
	};
	const char *p = text + strlen(text);
	char *prefix;

	(void)d;
	while (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' ||
			    p[-1] == '.'))
		p--;
	prefix = xstrndup(text, (size_t)(p - text));
	if (p > text && p[-1] == '$') {
		for (int i = 0; names[i]; i++)
			cand_add(&c, prefix, names[i], text);
		for (int i = 0; expr_extra_names[i]; i++)
			cand_add(&c, prefix, expr_extra_names[i], text);
		for (int i = 0; inspect_reg_names[i]; i++)
			cand_add(&c, prefix, inspect_reg_names[i], text);
	} else if (*p && ((p > text && p[-1] == '(') ||
			  (p == text && nwords > 0 && in_cast(words[nwords - 1])))) {
		for (int i = 0; vtype_words[i]; i++)
			cand_add(&c, prefix, vtype_words[i], text);
	}
	free(prefix);
	return cand_finish(&c);
}

/* Splits line[0..start) into words (at most WORDS_MAX); the command
 * word loses any /FMT. */
static int split_words(const char *line, int start, char **words)
{
	int n = 0;
	const char *p = line, *end = line + start;

	while (p < end && n < WORDS_MAX) {
		const char *w;

		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		w = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		words[n] = xstrndup(w, (size_t)(p - w));
		if (n == 0)
			words[0][strcspn(words[0], "/")] = '\0';
		n++;
	}
	return n;
}

static const struct command *quiet_lookup(const char *word)
{
	struct result r;
	const struct command *c;

	result_init(&r);
	c = cmd_lookup(word, &r);
	result_free(&r);
	return c;
}

char **dbg_complete(struct debugger *d, const char *line, int start, int end)
{
	char *words[WORDS_MAX];
	int n = split_words(line, start, words);
	char *text = xstrndup(line + start, (size_t)(end - start));
	const struct command *c;
	char **out = NULL;

	if (n == 0) {
		out = complete_commands(d, words, 0, text);
	} else {
		c = quiet_lookup(words[0]);
		if (c && c->complete)
			out = c->complete(d, words + 1, n - 1, text);
	}
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(text);
	return out;
}

bool dbg_complete_wants_path(struct debugger *d, const char *line, int start)
{
	char *words[WORDS_MAX];
	int n = split_words(line, start, words);
	const struct command *c = n ? quiet_lookup(words[0]) : NULL;
	bool path = n == 2 && c && (c->run == cmd_break || c->run == cmd_tbreak) &&
		    is_prefix(words[1], "path");

	/* the program's arguments and input, a terminal's device */
	if (c && ((n >= 1 && c->run == cmd_run) || (n == 1 && c->run == cmd_tty)))
		path = true;

	(void)d;
	for (int i = 0; i < n; i++)
		free(words[i]);
	return path;
}
