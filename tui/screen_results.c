/* Results of commands into the screen's panes: text into the messages
 * pane, memory dumps into the variants' memory panes, program output
 * into the output pane. */
#include "keys.h"
#include "screen.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void screen_mem_free(struct screen *sc)
{
	for (int i = 0; i < MAX_VARIANTS; i++) {
		free(sc->mem[i].bytes);
		free(sc->mem[i].differs);
		memset(&sc->mem[i], 0, sizeof(sc->mem[i]));
	}
}

/* A dump replaces the variant's last one, or extends it when it goes
 * on where that one ended (within the same result). */
static void take_hex(struct screen *sc, const struct item *it, bool extend)
{
	struct memdump *m;

	if (it->variant < 0 || it->variant >= MAX_VARIANTS || !it->bytes)
		return;
	m = &sc->mem[it->variant];
	if (!(extend && m->bytes && m->addr + m->len == it->addr &&
	      m->unit == it->unit)) {
		free(m->bytes);
		free(m->differs);
		memset(m, 0, sizeof(*m));
		m->addr = it->addr;
		sc->scroll[FOCUS_MEM] = 0;
		m->unit = it->unit > 0 ? it->unit : 1;
		m->fmt = it->fmt;
	}
	m->bytes = xrealloc(m->bytes, m->len + it->len + 1);
	m->differs = xrealloc(m->differs, (m->len + it->len + 1) * sizeof(bool));
	memcpy(m->bytes + m->len, it->bytes, it->len);
	if (it->differs)
		memcpy(m->differs + m->len, it->differs, it->len * sizeof(bool));
	else
		memset(m->differs + m->len, 0, it->len * sizeof(bool));
	m->len += it->len;
}

/* Rows i.. that belong to one table: their cells aligned. */
static size_t add_table(struct screen *sc, const struct result *r, size_t i)
{
	int width[16] = { 0 };
	size_t end = i;

	for (; end < r->n && r->items[end].kind == IT_ROW; end++) {
		const char *p = r->items[end].text ? r->items[end].text : "";

		for (int c = 0; c < 16 && p; c++) {
			const char *tab = strchr(p, '\t');
			int w = tab ? (int)(tab - p) : (int)strlen(p);

			if (w > width[c])
				width[c] = w;
			p = tab ? tab + 1 : NULL;
		}
	}
	for (size_t k = i; k < end; k++) {
		const struct item *it = &r->items[k];
		const char *p = it->text ? it->text : "";
		char *line = xstrdup("");

		for (int c = 0; p; c++) {
			const char *tab = strchr(p, '\t');
			int w = tab ? (int)(tab - p) : (int)strlen(p);
			char *next;

			if (tab && c < 16)
				next = xasprintf("%s%.*s%*s  ", line, w, p,
						 width[c] - w, "");
			else
				next = xasprintf("%s%.*s", line, w, p);
			free(line);
			line = next;
			p = tab ? tab + 1 : NULL;
		}
		lines_add(&sc->msg, it->header ? ST_COMMAND : ST_NORMAL, line);
		free(line);
	}
	return end;
}

/* Frames i.. of a backtrace: one line where the variants agree, the
 * variants' frames side by side where they differ.  Returns the end. */
static size_t add_frames(struct screen *sc, const struct result *r, size_t i)
{
	size_t end = i;

	while (end < r->n && r->items[end].kind == IT_FRAME)
		end++;
	for (size_t k = i; k < end;) {
		const struct item *it = &r->items[k];
		size_t next = k + 1;
		char *line;

		if (it->variant == RESULT_ALL) {
			lines_add(&sc->msg, ST_NORMAL, it->text);
			k = next;
			continue;
		}
		line = xasprintf("#%-2d%c", it->num, it->marked ? '*' : ' ');
		for (; k < end && r->items[k].num == it->num &&
		       r->items[k].variant != RESULT_ALL; k++) {
			char *more = xasprintf("%s%s[%d] %s", line,
					       k == next - 1 ? "" : " | ",
					       r->items[k].variant,
					       r->items[k].value);

			free(line);
			line = more;
		}
		lines_add(&sc->msg, it->marked ? ST_DIVERGED : ST_NORMAL, line);
		free(line);
	}
	return end;
}

static void add_item(struct screen *sc, const struct item *it)
{
	char *line = NULL;
	const char *text = it->text ? it->text : "";

	switch (it->kind) {
	case IT_TEXT:
		lines_add(&sc->msg, ST_NORMAL, text);
		break;
	case IT_ERROR:
		lines_add(&sc->msg, ST_ERROR, text);
		break;
	case IT_STOP:
		lines_add(&sc->msg, ST_STOP, text);
		snprintf(sc->stoptext, sizeof(sc->stoptext), "%.*s",
			 (int)strcspn(text, "\n"), text);
		break;
	case IT_CALL: {
		char set[24] = "";

		if (it->set >= 0)
			snprintf(set, sizeof(set), "set %d: ", it->set);
		if (it->variant == RESULT_ALL)
			line = xasprintf("  %s%s", set, text);
		else
			line = xasprintf("  %s[%d] %s", set, it->variant, text);
		lines_add(&sc->msg, it->diffarg >= 0 ? ST_DIVERGED : ST_NORMAL,
			  line);
		break;
	}
	case IT_FIELD:
		if (it->variant == RESULT_ALL)
			line = xasprintf("%s: %s", text,
					 it->value ? it->value : "");
		else
			line = xasprintf("[%d] %s: %s", it->variant, text,
					 it->value ? it->value : "");
		lines_add(&sc->msg, ST_NORMAL, line);
		break;
	case IT_HEX:
		line = xasprintf("[%d] %zu bytes at %#lx: in the memory pane",
				 it->variant, it->len, it->addr);
		lines_add(&sc->msg, ST_DIM, line);
		break;
	case IT_OUTPUT:
		pthread_mutex_lock(&sc->outlock);
		lines_append(&sc->out, ST_NORMAL, (const char *)it->bytes,
			     it->len);
		pthread_mutex_unlock(&sc->outlock);
		break;
	case IT_FRAME:
		break;
	case IT_VALUE:
		if (it->variant == RESULT_ALL)
			line = xasprintf("%s = %s", text,
					 it->value ? it->value : "");
		else
			line = xasprintf("[%d] %s = %s%s", it->variant, text,
					 it->value ? it->value : "",
					 it->marked ? "   <- differs" : "");
		lines_add(&sc->msg, it->marked ? ST_DIVERGED : ST_NORMAL, line);
		break;
	case IT_ROW:
		break;
	}
	free(line);
}

void screen_absorb(struct screen *sc, const struct result *r)
{
	bool seen[MAX_VARIANTS] = { false };
	const struct session *s = dbg_session(sc->d);

	/* Dumps of another session (after run or kill), or of another
	 * set than the columns show, are stale. */
	if (s != sc->memfor || dbg_focus(sc->d) != sc->memin) {
		screen_mem_free(sc);
		sc->memfor = s;
		sc->memin = dbg_focus(sc->d);
	}
	for (size_t i = 0; i < r->n;) {
		const struct item *it = &r->items[i];

		if (it->kind == IT_ROW) {
			i = add_table(sc, r, i);
			continue;
		}
		if (it->kind == IT_FRAME) {
			i = add_frames(sc, r, i);
			continue;
		}
		if (it->kind == IT_HEX && it->variant >= 0 &&
		    it->variant < MAX_VARIANTS) {
			take_hex(sc, it, seen[it->variant]);
			seen[it->variant] = true;
		}
		add_item(sc, it);
		i++;
	}
	sc->scroll[PANE_MESSAGES] = 0;
}

void screen_help_keys(struct screen *sc)
{
	lines_add(&sc->msg, ST_COMMAND, "Keys of the screen (the command line "
		  "takes readline's own keys, Tab completes):");
	for (size_t i = 0; i < keys_count; i++) {
		char *line = xasprintf("  %-8s %s", keys_table[i].name,
				       keys_table[i].help);

		lines_add(&sc->msg, ST_NORMAL, line);
		free(line);
	}
	for (size_t i = 0; i < keys_pager_count; i++) {
		char *line = xasprintf("  %-8s %s", keys_pager[i].name,
				       keys_pager[i].help);

		lines_add(&sc->msg, ST_NORMAL, line);
		free(line);
	}
	lines_add(&sc->msg, ST_NORMAL,
		  "  The program's standard input is the output pane's input "
		  "line: F6 to the output pane, type, Enter sends the line, "
		  "Ctrl-D the end of input.");
	sc->scroll[PANE_MESSAGES] = 0;
}

/* True when line says `help keys` (the screen answers it). */
static bool is_help_keys(const char *line)
{
	char a[16], b[16], extra[2];

	return sscanf(line, "%15s %15s %1s", a, b, extra) == 2 &&
	       strcmp(a, "help") == 0 && strcmp(b, "keys") == 0;
}

/* Whether r reports that the program stopped (or ended). */
static bool result_stops(const struct result *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->items[i].kind == IT_STOP)
			return true;
	return false;
}

/* interactive: typed or a key's, so its long output opens the pager (a
 * script's stays in the messages pane, beside the columns its
 * narration speaks of). */
static void run_command(struct screen *sc, const char *line, bool echo,
			bool interactive)
{
	struct result r;
	char before[sizeof(sc->stoptext)];
	unsigned long step, from;
	const struct session *s = dbg_session(sc->d), *was = s;
	bool stopped;

	if (echo) {
		char *text = xasprintf("%s%s", SCREEN_PROMPT, line);

		lines_add(&sc->msg, ST_COMMAND, text);
		free(text);
	}
	if (interactive)
		screen_pager_close(sc);
	from = sc->msg.pushed;
	if (is_help_keys(line)) {
		screen_help_keys(sc);
		if (interactive)
			screen_pager_maybe(sc, from, line, false);
		screen_redraw(sc);
		return;
	}
	result_init(&r);
	/* The status keeps the last stop's words while the run stands. */
	memcpy(before, sc->stoptext, sizeof(before));
	step = s ? dbg_last_stop(sc->d)->step : 0;
	sc->stoptext[0] = '\0';
	sc->busy = true;
	sc->progress = s ? s->step : 0;
	screen_redraw(sc);
	dbg_execute(sc->d, line, &r);
	sc->busy = false;
	screen_absorb(sc, &r);
	stopped = result_stops(&r);
	s = dbg_session(sc->d);
	if (!sc->stoptext[0] && s && s == was &&
	    dbg_last_stop(sc->d)->step == step)
		memcpy(sc->stoptext, before, sizeof(before));
	result_free(&r);
	if (interactive)
		screen_pager_maybe(sc, from, line, stopped);
	if (dbg_quit_requested(sc->d))
		sc->quit = true;
	else
		screen_redraw(sc);
}

void screen_command(struct screen *sc, const char *line)
{
	run_command(sc, line, true, true);
}

void screen_script_command(struct screen *sc, const char *line)
{
	run_command(sc, line, dbg_echoes_line(line), false);
}
