/* Settings: `set NAME VALUE` and `show [NAME]`, each setting once in a
 * table (completion reads it too). */
#include "debugger.h"

#include <stdio.h>
#include <string.h>

#define STRSIZE_MAX 4096	/* set strsize: the engine reads no more */

/* value as a positive number (at most max), or an error in r. */
static bool positive(const char *name, const char *value, long max, long *v,
		     struct result *r)
{
	if (!cmd_number(value, v) || *v < 1) {
		result_error(r, "\"set %s\" takes a positive number, not \"%s\".",
			     name, value);
		return false;
	}
	if (*v > max) {
		result_error(r, "\"set %s\" takes at most %ld, not %s.", name,
			     max, value);
		return false;
	}
	return true;
}

static void set_strsize(struct debugger *d, const char *value,
			struct result *r)
{
	long v;

	if (!positive("strsize", value, STRSIZE_MAX, &v, r))
		return;
	d->cfg.strsize = (size_t)v;
	if (d->s)
		session_set_strsize(d->s, (size_t)v);
	result_text(r, "strsize is %ld.", v);
}

static void show_strsize(struct debugger *d, struct result *r)
{
	result_field(r, RESULT_ALL, "strsize", "%zu", d->cfg.strsize);
}

static void set_history(struct debugger *d, const char *value,
			struct result *r)
{
	long v;

	if (!positive("history", value, HISTORY_SIZE, &v, r))
		return;
	d->histlines = (size_t)v;
	result_text(r, "history is %ld.", v);
}

static void show_history(struct debugger *d, struct result *r)
{
	result_field(r, RESULT_ALL, "history", "%zu", d->histlines);
}

/* `set results on|off`: whether `continue` reads the results of the
 * calls the variants run themselves (a second stop for each). */
static void set_results(struct debugger *d, const char *value,
			struct result *r)
{
	if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0) {
		result_error(r, "\"set results\" takes on or off, not \"%s\".",
			     value);
		return;
	}
	d->results = strcmp(value, "on") == 0;
	result_text(r, d->results ?
		    "results are on: continue keeps every call's result." :
		    "results are off: continue keeps the results only of calls the platform runs (faster; history and reports show the others without them).");
}

static void show_results(struct debugger *d, struct result *r)
{
	result_field(r, RESULT_ALL, "results", "%s", d->results ? "on" : "off");
}

const struct setting settings[] = {
	{ "strsize", "N", set_strsize, show_strsize },
	{ "history", "N", set_history, show_history },
	{ "results", "on|off", set_results, show_results },
	{ "focus", "SET|auto", sets_set_focus, sets_show_focus, true },
	{ NULL, NULL, NULL, NULL },
};

static void no_setting(const char *name, struct result *r)
{
	char names[128] = "";

	for (int i = 0; settings[i].name; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", i ? ", " : "", settings[i].name);
	result_error(r, "No setting \"%s\".  Settings: %s.", name, names);
}

void cmd_set(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	const char *name = a->argv[0];
	size_t len = strlen(name);

	for (int i = 0; len && settings[i].name; i++) {
		if (strncmp(name, settings[i].name, len) == 0) {
			if (!d->scratch || !settings[i].program)
				settings[i].set(d, a->argv[1], r);
			return;
		}
	}
	no_setting(name, r);
}

void cmd_show(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	const char *name = a->argc ? a->argv[0] : "";
	size_t len = strlen(name);
	bool any = false;

	for (int i = 0; settings[i].name; i++) {
		if (!len || strncmp(name, settings[i].name, len) == 0) {
			settings[i].show(d, r);
			any = true;
		}
	}
	if (!any)
		no_setting(name, r);
}
