/* Ignore rules: differences known to be benign (a call's arguments, by
 * number from 0) that are reported and let through, and whether they
 * let the divergence at hand pass. */
#include "debugger.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ignores_apply(struct debugger *d)
{
	unsigned char masks[SYSCALL_NR_LIMIT] = { 0 };

	if (!d->s)
		return;
	for (int i = 0; i < d->nignores; i++)
		masks[d->ignores[i].nr] |= d->ignores[i].mask;
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++)
		if (masks[nr] != d->s->ignore[nr])
			session_ignore(d->s, nr, masks[nr]);
}

/* At a divergence, whether the rules now let the call at hand pass:
 * continue and step then run it (session_recheck, in run.c). */
static void ignores_say_divergence(struct debugger *d, struct result *r)
{
	struct divergence div;

	if (!d->s || d->killed || !d->s->diverged)
		return;
	if (session_diverged_agrees(d->s, &div))
		result_text(r, "Step %lu no longer diverges: %s.  \"continue\" or \"step\" runs the call (where it runs once, with variant 0's value).",
			    d->s->step, div.what);
	else
		result_text(r, "The divergence at step %lu still stands: %s.",
			    d->s->step, d->last.div.what);
}

/* "1,3" or "$arg1,$arg3" (from 0, as $argN and the report count) into
 * a mask; 0 when bad. */
static unsigned char arg_mask(const char *list)
{
	unsigned char mask = 0;
	char *copy = xstrdup(list), *save = NULL;

	for (char *w = strtok_r(copy, ",", &save); w;
	     w = strtok_r(NULL, ",", &save)) {
		long n;

		if (strncmp(w, "$arg", 4) == 0)
			w += 4;
		if (!cmd_number(w, &n) || n < 0 || n >= SYSCALL_MAX_ARGS) {
			mask = 0;
			break;
		}
		mask |= (unsigned char)(1u << n);
	}
	free(copy);
	return mask;
}

static void ignore_delete(struct debugger *d, const struct cmdargs *a,
			  struct result *r)
{
	bool gone[MAX_IGNORES] = { 0 };
	int kept = 0;

	for (int k = 1; k < a->argc; k++) {
		long n;

		if (!cmd_number(a->argv[k], &n) || n < 1 || n > d->nignores) {
			result_error(r, "No ignore rule %s (see info ignores).",
				     a->argv[k]);
			return;
		}
		gone[n - 1] = true;
	}
	for (int i = 0; i < d->nignores; i++)
		if (a->argc > 1 && !gone[i])
			d->ignores[kept++] = d->ignores[i];
	d->nignores = kept;
	ignores_apply(d);
	ignores_say_divergence(d, r);
}

void cmd_ignore(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	struct filter set;
	struct error err = { 0 };
	unsigned char mask = (1u << SYSCALL_MAX_ARGS) - 1;
	int added = 0;

	if (strcmp(a->argv[0], "delete") == 0) {
		ignore_delete(d, a, r);
		return;
	}
	if (strcmp(a->argv[0], "syscall") != 0 || a->argc < 2 ||
	    (a->argc != 2 && a->argc != 4) ||
	    (a->argc == 4 && strcmp(a->argv[2], "arg") != 0)) {
		result_error(r, "Usage: ignore syscall NAME[,NAME...] [arg N[,M...]]  or  ignore delete [I...]");
		return;
	}
	if (filter_parse(a->argv[1], &set, &err) == -1) {
		result_error(r, "ignore: %s", err.msg);
		return;
	}
	if (a->argc == 4) {
		mask = arg_mask(a->argv[3]);
		if (!mask) {
			result_error(r, "ignore: \"%s\" is not a list of arguments $arg0 to $arg%d (or 0 to %d).",
				     a->argv[3], SYSCALL_MAX_ARGS - 1,
				     SYSCALL_MAX_ARGS - 1);
			return;
		}
	}
	for (long nr = 0; nr < SYSCALL_NR_LIMIT; nr++) {
		if (!filter_match(&set, nr) || !syscall_get(nr))
			continue;
		if (d->nignores == MAX_IGNORES) {
			result_error(r, "Too many ignore rules (%d).", MAX_IGNORES);
			break;
		}
		d->ignores[d->nignores].nr = nr;
		d->ignores[d->nignores++].mask = mask;
		added++;
	}
	ignores_apply(d);
	if (added)
		result_text(r, "Ignoring differences in %s of %d call%s.",
			    a->argc == 4 ? "those arguments" : "every argument",
			    added, added == 1 ? "" : "s");
	ignores_say_divergence(d, r);
}

void ignores_info(struct debugger *d, struct result *r)
{
	if (!d->nignores) {
		result_text(r, "No ignore rules.");
		return;
	}
	result_row(r, true, "Num\tCall\tArguments that may differ");
	for (int i = 0; i < d->nignores; i++) {
		char args[64] = "";

		for (int k = 0; k < SYSCALL_MAX_ARGS; k++)
			if (d->ignores[i].mask >> k & 1)
				snprintf(args + strlen(args),
					 sizeof(args) - strlen(args), "%s$arg%d",
					 args[0] ? "," : "", k);
		result_row(r, false, "%d\t%s\t%s", i + 1,
			   syscall_name(d->ignores[i].nr), args);
	}
}
