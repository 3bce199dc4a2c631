/* Variant sets as the commands show them: names, states, the tree of
 * `info variants`, and the focus (`set focus`) that inspection and the
 * screen's columns follow. */
#include "debugger.h"
#include "format.h"
#include "inspect.h"

#include <libiberty.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TREE_DEPTH_MAX 16	/* indentation levels info variants shows */

int dbg_focus(const struct debugger *d)
{
	if (!d->s)
		return -1;
	if (d->focus >= 0 && session_set(d->s, d->focus))
		return d->focus;
	return d->s->cur;
}

const struct vset *sets_focused(const struct debugger *d)
{
	return d->s ? session_set(d->s, dbg_focus(d)) : NULL;
}

bool sets_call_known(const struct session *s, int id)
{
	const struct vset *set = session_set(s, id);

	return set && (set->state == SET_STOPPED || set->state == SET_IO ||
		       set->state == SET_DIVERGED);
}

int sets_label(const struct debugger *d, int id)
{
	return d->s && d->s->made > 1 ? id : -1;
}

void dbg_set_name(const struct session *s, int id, char *buf, size_t size)
{
	const struct vset *set = session_set(s, id);

	if (!set || set->parent < 0)
		snprintf(buf, size, "set %d (the program)", id);
	else
		snprintf(buf, size, "set %d (%schild %d of set %d)", id,
			 set->thread ? "thread, " : "", set->ordinal,
			 set->parent);
}

void dbg_set_state(const struct debugger *d, int id, char *buf, size_t size)
{
	const struct vset *set = d->s ? session_set(d->s, id) : NULL;
	bool cur = set && id == d->s->cur && d->have_stop;

	if (!set) {
		snprintf(buf, size, "no such set");
		return;
	}
	switch (set->state) {
	case SET_STARTING:
		snprintf(buf, size, "starting (not every variant's child seen yet)");
		break;
	case SET_RUNNING:
		snprintf(buf, size, "running");
		break;
	case SET_ARRIVED:
		snprintf(buf, size, "at its next call, waiting for its turn");
		break;
	case SET_STOPPED:
		if (cur)
			snprintf(buf, size, "stopped at step %lu", d->last.step);
		else
			snprintf(buf, size, "stopped");
		break;
	case SET_IO:
		snprintf(buf, size, "in %s, carried out by the platform (it may wait)",
			 syscall_name(set->v[0].call.nr));
		break;
	case SET_ENDED:
		snprintf(buf, size, "ended");
		break;
	case SET_DIVERGED:
		if (cur)
			snprintf(buf, size, "diverged at step %lu", d->last.step);
		else
			snprintf(buf, size, "diverged");
		break;
	}
}

/* The variants of set as a table, indented by depth. */
static void variant_rows(struct debugger *d, const struct vset *set,
			 int depth, struct result *r)
{
	int ind = 2 * depth;

	result_row(r, true, "%*sVariant\tPid\tState\tStatus\tAhead\tBinary",
		   ind, "");
	for (int i = 0; i < d->s->n; i++) {
		const struct variant *v = &set->v[i];
		unsigned long ahead = session_calls_ahead(d->s, set, i);
		char status[48] = "-", sig[32], calls[32] = "-", where[64];

		if (v->state == VS_EXITED)
			snprintf(status, sizeof(status), "%d", v->code);
		else if (v->state == VS_KILLED || v->state == VS_SIGNAL)
			snprintf(status, sizeof(status), "%s%s",
				 format_signal(v->sig, sig, sizeof(sig)),
				 v->core ? " (core)" : "");
		/* calls answered without waiting for the others */
		if (ahead)
			snprintf(calls, sizeof(calls), "%lu call%s", ahead,
				 ahead == 1 ? "" : "s");
		inspect_state(d->s, set, i, where, sizeof(where));
		result_row(r, false, "%*s%d\t%d\t%s\t%s\t%s\t%s", ind, "", i,
			   (int)v->pid, where,
			   status, calls,
			   v->exe ? v->exe : "-");
	}
}

/* Set id and, indented under it, its children (depth first). */
static void set_tree(struct debugger *d, int id, int depth, struct result *r)
{
	const struct session *s = d->s;
	const struct vset *set = session_set(s, id);
	char name[96], state[128];
	bool cur = id == s->cur, focus = d->focus == id && !cur;

	dbg_set_name(s, id, name, sizeof(name));
	dbg_set_state(d, id, state, sizeof(state));
	result_text(r, "%*s%s: %s, %s%s%s%s", 2 * depth, "", name,
		    set->thread ? "thread" : "process", state,
		    cur || focus ? "  <- " : "", cur ? "current" : "",
		    focus ? "focus" : "");
	variant_rows(d, set, depth + 1, r);
	for (int k = 0; k < s->nsets; k++)
		if (s->sets[k]->parent == id)
			set_tree(d, s->sets[k]->id,
				 depth < TREE_DEPTH_MAX ? depth + 1 : depth, r);
}

void sets_info(struct debugger *d, struct result *r)
{
	if (!d->s) {
		result_error(r, "The program is not being run.");
		return;
	}
	if (d->s->made == 1) {
		variant_rows(d, d->s->sets[0], 0, r);
		return;
	}
	/* The program, then sets whose parent ended and was forgotten. */
	for (int k = 0; k < d->s->nsets; k++) {
		const struct vset *set = d->s->sets[k];

		if (set->parent < 0 || !session_set(d->s, set->parent))
			set_tree(d, set->id, 0, r);
	}
	if (d->s->made > d->s->nsets) {
		int n = d->s->made - d->s->nsets;

		result_text(r, "%d set%s ended and %s forgotten.", n,
			    n == 1 ? "" : "s", n == 1 ? "is" : "are");
	}
	result_text(r, "Pids are each variant's own; the programs see variant 0's (mvdb translates the others').");
}

void sets_set_focus(struct debugger *d, const char *word, struct result *r)
{
	long id;
	char name[96];

	if (strcmp(word, "auto") == 0) {
		d->focus = -1;
		d->x.valid = false;
		result_text(r, "Focus follows the current set (the last stop's).");
		return;
	}
	if (!cmd_number(word, &id) || id < 0) {
		result_error(r, "\"set focus\" takes a set number or \"auto\", not \"%s\".",
			     word);
		return;
	}
	if (!d->s) {
		result_error(r, "The program is not being run: there are no sets to focus on.");
		return;
	}
	if (!session_set(d->s, (int)id)) {
		if (id < d->s->made)
			result_error(r, "No set %ld: it ended and is forgotten (see \"info variants\").",
				     id);
		else
			result_error(r, "No set %ld: the sets so far are 0 to %d (see \"info variants\").",
				     id, d->s->made - 1);
		return;
	}
	d->focus = (int)id;
	d->x.valid = false;
	dbg_set_name(d->s, (int)id, name, sizeof(name));
	result_text(r, "Focus on %s: info, x, diff and the screen's columns show it.",
		    name);
}

void sets_show_focus(struct debugger *d, struct result *r)
{
	if (d->focus >= 0 && d->s && session_set(d->s, d->focus))
		result_field(r, RESULT_ALL, "focus", "set %d", d->focus);
	else if (d->s)
		result_field(r, RESULT_ALL, "focus",
			     "auto (now set %d, the current set)", d->s->cur);
	else
		result_field(r, RESULT_ALL, "focus", "auto");
}

char **complete_sets(struct debugger *d, const char *text)
{
	int n = d->s ? d->s->nsets : 0;
	char **words = XNEWVEC(char *, n + 2), **out;

	words[0] = xstrdup("auto");
	for (int i = 0; i < n; i++)
		words[i + 1] = xasprintf("%d", d->s->sets[i]->id);
	words[n + 1] = NULL;
	out = complete_list((const char *const *)words, text);
	for (int i = 0; i <= n; i++)
		free(words[i]);
	free(words);
	return out;
}
