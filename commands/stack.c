/* Where in the program: bt, frame, up, down, info frame, info symbol,
 * info sharedlibrary.  Each variant of the focused set is unwound on its
 * own (its addresses differ by design); frames are compared by what they
 * are (function and offset, else object and offset), not by address. */
#include "debugger.h"
#include "inspect.h"
#include "symbols.h"

#include <fnmatch.h>
#include <libiberty.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One variant's stack. */
struct stack {
	struct frame frames[FRAMES_MAX];	/* innermost first */
	int n;					/* frames found; 0: none */
};

/* Variant v of the focused set: its process, or 0 with an error. */
static pid_t variant_pid(struct debugger *d, int v)
{
	const struct vset *set = sets_focused(d);

	return set ? set->v[v].pid : 0;
}

/* Variant v of set id's stack. */
static int unwind_in(struct debugger *d, int id, int v, struct frame *frames,
		     int max, struct error *err)
{
	struct user_regs_struct regs;

	if (inspect_set_regs(d->s, id, v, &regs, err) == -1)
		return -1;
	return symbols_stack(session_set(d->s, id)->v[v].pid, &regs, frames,
			     max, err);
}

int stack_unwind(struct debugger *d, int v, struct frame *frames, int max,
		 struct error *err)
{
	return unwind_in(d, dbg_focus(d), v, frames, max, err);
}

bool stack_symbol(struct debugger *d, int v, unsigned long addr,
		  struct symbol *out)
{
	struct error err = { 0 };
	struct symbols *sy = symbols_open(variant_pid(d, v), &err);
	bool found;

	if (!sy) {
		memset(out, 0, sizeof(*out));
		out->addr = addr;
		return false;
	}
	found = symbols_lookup(sy, addr, out);
	symbols_close(sy);
	return found;
}

/* The selected frame, when it belongs to this stop of this set. */
int stack_selected(const struct debugger *d)
{
	const struct framesel *f = &d->frame;

	if (!d->s || f->s != d->s || f->step != d->s->step ||
	    f->set != dbg_focus(d))
		return 0;
	return f->num;
}

static void select_frame(struct debugger *d, int num)
{
	d->frame.s = d->s;
	d->frame.step = d->s->step;
	d->frame.set = dbg_focus(d);
	d->frame.num = num;
}

/* What two frames are compared by. */
static bool same_frame(const struct frame *a, const struct frame *b)
{
	const char *oa = strrchr(a->sym.object, '/');
	const char *ob = strrchr(b->sym.object, '/');

	if (a->sym.func[0] || b->sym.func[0])
		return strcmp(a->sym.func, b->sym.func) == 0 &&
		       a->sym.off == b->sym.off;
	oa = oa ? oa + 1 : a->sym.object;
	ob = ob ? ob + 1 : b->sym.object;
	return strcmp(oa, ob) == 0 && a->sym.objoff == b->sym.objoff;
}

/* Whether frame k differs between the variants in stacks[] (have[v]). */
static bool frame_differs(const struct stack *stacks, const bool *have,
			  int n, int k)
{
	int first = -1;

	for (int v = 0; v < n; v++) {
		if (!have[v])
			continue;
		if (first < 0) {
			first = v;
			continue;
		}
		if ((k < stacks[v].n) != (k < stacks[first].n))
			return true;
		if (k < stacks[v].n &&
		    !same_frame(&stacks[v].frames[k], &stacks[first].frames[k]))
			return true;
	}
	return false;
}

/* Frame k's arguments in every variant that has it, one list: a value
 * that is not the same everywhere reads <differs> (bt in K shows it). */
static void merge_args(const struct stack *stacks, const bool *have, int n,
		       int k, char *buf, size_t size)
{
	char *mine[MAX_VARIANTS] = { 0 }, *save[MAX_VARIANTS], *word[MAX_VARIANTS];
	size_t at = 0;
	int first = -1;

	buf[0] = '\0';
	for (int v = 0; v < n; v++)
		if (have[v] && k < stacks[v].n) {
			mine[v] = xstrdup(stacks[v].frames[k].args);
			word[v] = strtok_r(mine[v], ",", &save[v]);
			first = first < 0 ? v : first;
		}
	while (first >= 0 && word[first] && at < size) {
		const char *eq = strchr(word[first], '=');
		bool same = true;

		for (int v = first + 1; v < n; v++)
			if (mine[v])
				same &= word[v] && strcmp(word[v], word[first]) == 0;
		if (same || !eq)
			at += (size_t)snprintf(buf + at, size - at, "%s%s",
					       at ? ", " : "", word[first] +
					       (word[first][0] == ' '));
		else
			at += (size_t)snprintf(buf + at, size - at, "%s%.*s=<differs>",
					       at ? ", " : "",
					       (int)(eq - word[first]) -
					       (word[first][0] == ' '),
					       word[first] + (word[first][0] == ' '));
		for (int v = first; v < n; v++)
			if (mine[v])
				word[v] = word[v] ? strtok_r(NULL, ",", &save[v])
						  : NULL;
	}
	for (int v = 0; v < n; v++)
		free(mine[v]);
}

/* Adds frame k of variant v (RESULT_ALL: the same in every variant, with
 * args, their merged arguments, in place of f's). */
static void add_frame(struct result *r, int v, int k, const struct frame *f,
		      bool differs, bool same_addr, const char *args)
{
	struct item *it = result_add(r, IT_FRAME, v);
	char what[SYMBOL_NAME_MAX + 2 * SYMBOL_PATH_MAX + FRAME_ARGS_MAX];
	struct frame shown = *f;

	if (args)
		snprintf(shown.args, sizeof(shown.args), "%s", args);
	symbols_frame_text(&shown, true, what, sizeof(what));
	it->num = k;
	it->marked = differs;
	it->addr = f->pc;
	it->value = xstrdup(what);
	if (v == RESULT_ALL && !same_addr)
		it->text = xasprintf("#%-2d %s", k, what);
	else
		it->text = xasprintf("#%-2d %#018lx in %s", k, f->pc, what);
}

/* Unwinds every variant asked for; false when none could be. */
static bool unwind_all(struct debugger *d, int only, struct stack *stacks,
		       bool *have, struct result *r)
{
	bool any = false;

	for (int v = 0; v < d->s->n; v++) {
		struct error err = { 0 };

		have[v] = false;
		if (only >= 0 && v != only)
			continue;
		stacks[v].n = stack_unwind(d, v, stacks[v].frames, FRAMES_MAX,
					   &err);
		if (stacks[v].n < 0) {
			result_error(r, "%s", err.msg);
			continue;
		}
		have[v] = any = true;
	}
	return any;
}

void cmd_backtrace(struct debugger *d, const struct cmdargs *a,
		   struct result *r)
{
	struct stack *stacks;
	bool have[MAX_VARIANTS];
	long limit = FRAMES_MAX;
	int only, argc, depth = 0, firstdiff = -1, nhave = 0;

	if (!cmd_need_session(d, r))
		return;
	argc = cmd_parse_in(d, a->argc, a->argv, &only, r);
	if (argc == -2)
		return;
	if (argc > 1 || (argc == 1 && (!cmd_number(a->argv[0], &limit) ||
				       limit < 1))) {
		result_error(r, "\"backtrace\" takes a frame count (1 or more) and \"in K\", not \"%s\".",
			     a->argv[0]);
		return;
	}
	stacks = XNEWVEC(struct stack, MAX_VARIANTS);
	if (!unwind_all(d, only, stacks, have, r)) {
		free(stacks);
		return;
	}
	for (int v = 0; v < d->s->n; v++)
		if (have[v]) {
			nhave++;
			depth = stacks[v].n > depth ? stacks[v].n : depth;
		}
	if (only >= 0)
		result_text(r, "variant %d:", only);
	for (int k = 0; k < depth && k < limit; k++) {
		bool differs = frame_differs(stacks, have, d->s->n, k);
		char args[FRAME_ARGS_MAX];
		bool same_addr = true;
		int first = -1;

		if (differs && firstdiff < 0)
			firstdiff = k;
		for (int v = 0; v < d->s->n; v++) {
			if (!have[v] || k >= stacks[v].n)
				continue;
			if (first < 0)
				first = v;
			same_addr &= stacks[v].frames[k].pc ==
				     stacks[first].frames[k].pc;
		}
		for (int v = 0; v < d->s->n; v++) {
			if (!have[v] || k >= stacks[v].n)
				continue;
			if (!differs)
				merge_args(stacks, have, d->s->n, k, args,
					   sizeof(args));
			add_frame(r, !differs ? RESULT_ALL : v, k,
				  &stacks[v].frames[k], differs && nhave > 1,
				  same_addr, !differs ? args : NULL);
			if (nhave > 1 && !differs)
				break;
		}
	}
	if (depth > limit)
		result_text(r, "(More stack frames follow...)");
	else if (depth == FRAMES_MAX)
		result_text(r, "(More stack frames may follow: mvdb unwinds the %d innermost.)",
			    FRAMES_MAX);
	if (nhave > 1 && firstdiff >= 0)
		result_text(r, "Frame #%d is the first where the variants differ (marked *).",
			    firstdiff);
	free(stacks);
}

int stack_frame(struct debugger *d, int v, struct frame *out,
		struct error *err)
{
	int num = stack_selected(d), n;
	struct frame *frames = XNEWVEC(struct frame, num + 1);

	n = stack_unwind(d, v, frames, num + 1, err);
	if (n >= 0 && n <= num)
		n = error_set(err, ERR_STATE,
			      "variant %d's stack has no frame %d", v, num);
	if (n >= 0)
		*out = frames[num];
	free(frames);
	return n < 0 ? -1 : 0;
}

int stack_register(struct debugger *d, int v, const char *name,
		   unsigned long *val, struct error *err)
{
	struct frame f;
	int num = stack_selected(d), reg, bits;
	size_t off;

	if (num == 0 || inspect_reg_offset(name, &off, &bits) == -1)
		return 0;
	if (stack_frame(d, v, &f, err) == -1)
		return -1;
	reg = symbols_dwarf_reg(off);
	if (reg < 0 || !symbols_frame_reg(&f, reg, val))
		return error_set(err, ERR_STATE,
				 "$%s: not saved in frame %d of variant %d (frame 0 has every register)",
				 name, num, v);
	if (bits == 32)
		*val &= 0xffffffffu;
	return 1;
}

int stack_has_function(struct debugger *d, int id, int v, const char *pattern,
		       struct error *err)
{
	struct frame *frames = XNEWVEC(struct frame, FRAMES_MAX);
	int n = unwind_in(d, id, v, frames, FRAMES_MAX, err), found = 0;

	for (int k = 0; k < n && !found; k++) {
		const struct symbol *s = &frames[k].sym;

		found = (s->func[0] && fnmatch(pattern, s->func, 0) == 0) ||
			(s->alias[0] && fnmatch(pattern, s->alias, 0) == 0);
	}
	free(frames);
	return n < 0 ? -1 : found;
}

/* frame N, up N, down N: selects frame num in every variant. */
static void show_selected(struct debugger *d, int num, struct result *r)
{
	struct stack *stacks = XNEWVEC(struct stack, MAX_VARIANTS);
	bool have[MAX_VARIANTS];
	int deepest = 0, nhave = 0;

	if (!unwind_all(d, -1, stacks, have, r)) {
		free(stacks);
		return;
	}
	for (int v = 0; v < d->s->n; v++)
		if (have[v]) {
			nhave++;
			deepest = stacks[v].n > deepest ? stacks[v].n : deepest;
		}
	if (num < 0 || num >= deepest) {
		if (num < 0)
			result_error(r, "Bottom (innermost) frame selected; you cannot go down.");
		else if (deepest == FRAMES_MAX)
			result_error(r, "No frame %d among the %d innermost that mvdb unwinds (#0 to #%d).",
				     num, deepest, deepest - 1);
		else
			result_error(r, "No frame %d: the deepest stack has %d frame%s (#0 to #%d).",
				     num, deepest, deepest == 1 ? "" : "s",
				     deepest - 1);
		free(stacks);
		return;
	}
	select_frame(d, num);
	{
		bool differs = frame_differs(stacks, have, d->s->n, num);
		char args[FRAME_ARGS_MAX];

		for (int v = 0; v < d->s->n; v++) {
			if (!have[v] || num >= stacks[v].n)
				continue;
			if (nhave > 1 && !differs)
				merge_args(stacks, have, d->s->n, num, args,
					   sizeof(args));
			add_frame(r, nhave > 1 && !differs ? RESULT_ALL : v, num,
				  &stacks[v].frames[num], differs && nhave > 1,
				  nhave == 1, nhave > 1 && !differs ? args : NULL);
			if (nhave > 1 && !differs)
				break;
		}
	}
	free(stacks);
}

/* The count argument of up and down (default 1). */
static bool count_arg(const struct cmdargs *a, long *n, struct result *r)
{
	*n = 1;
	if (a->argc == 0)
		return true;
	if (!cmd_number(a->argv[0], n) || *n < 0) {
		result_error(r, "\"%s\" is not a frame count.", a->argv[0]);
		return false;
	}
	return true;
}

void cmd_frame(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	long num = stack_selected(d);

	if (!cmd_need_session(d, r))
		return;
	if (a->argc && (!cmd_number(a->argv[0], &num) || num < 0)) {
		result_error(r, "\"frame\" takes a frame number (see \"bt\"), not \"%s\".",
			     a->argv[0]);
		return;
	}
	show_selected(d, (int)num, r);
}

void cmd_up(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	long n;

	if (!count_arg(a, &n, r) || !cmd_need_session(d, r))
		return;
	if (n > INT_MAX / 2)
		n = INT_MAX / 2;	/* no frame that far: said as asked */
	show_selected(d, stack_selected(d) + (int)n, r);
}

void cmd_down(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	long n;

	if (!count_arg(a, &n, r) || !cmd_need_session(d, r))
		return;
	if (n > FRAMES_MAX)
		n = FRAMES_MAX;
	show_selected(d, stack_selected(d) - (int)n, r);
}

/* Frame k's canonical frame address (gdb's "frame at"): the stack
 * pointer its caller has once it returns; 0 when not known. */
static unsigned long frame_cfa(const struct stack *st, int k)
{
	unsigned long sp = 0;

	if (k + 1 < st->n)
		symbols_frame_reg(&st->frames[k + 1], 7, &sp);
	return sp;
}

void stack_info_frame(struct debugger *d, struct result *r)
{
	struct stack *stacks;
	bool have[MAX_VARIANTS];
	int num;

	if (!cmd_need_session(d, r))
		return;
	num = stack_selected(d);
	stacks = XNEWVEC(struct stack, MAX_VARIANTS);
	unwind_all(d, -1, stacks, have, r);
	for (int v = 0; v < d->s->n; v++) {
		const struct stack *st = &stacks[v];
		const struct frame *f;
		char where[SYMBOL_NAME_MAX + 2 * SYMBOL_PATH_MAX + FRAME_ARGS_MAX];

		if (!have[v])
			continue;
		if (num >= st->n) {
			result_text(r, "variant %d: no frame %d (its stack has %d).",
				    v, num, st->n);
			continue;
		}
		f = &st->frames[num];
		symbols_frame_text(f, true, where, sizeof(where));
		if (frame_cfa(st, num))
			result_text(r, "variant %d: stack level %d, frame at %#lx:",
				    v, num, frame_cfa(st, num));
		else	/* its caller was not unwound */
			result_text(r, "variant %d: stack level %d, frame at an unknown address:",
				    v, num);
		result_text(r, "  rip = %#lx in %s", f->pc, where);
		if (num + 1 < st->n)
			result_text(r, "  saved rip = %#lx; called by frame at %#lx",
				    st->frames[num + 1].pc, frame_cfa(st, num + 1));
		if (num > 0)
			result_text(r, "  caller of frame at %#lx",
				    frame_cfa(st, num - 1));
		result_text(r, "  registers known here:%s%s%s%s%s%s%s%s",
			    f->known & (1u << 7) ? " rsp" : "",
			    f->known & (1u << 16) ? " rip" : "",
			    f->known & (1u << 6) ? " rbp" : "",
			    f->known & (1u << 3) ? " rbx" : "",
			    f->known & (1u << 12) ? " r12" : "",
			    f->known & (1u << 13) ? " r13" : "",
			    f->known & (1u << 14) ? " r14" : "",
			    f->known & (1u << 15) ? " r15" : "");
	}
	free(stacks);
}

/* gdb's words for a symbol: "write + 23 in section .text of libc.so.6". */
static void symbol_words(const struct symbol *s, char *buf, size_t size)
{
	if (s->func[0] && s->off)
		snprintf(buf, size, "%s + %lu in %s", s->func, s->off,
			 s->object[0] ? s->object : "the program");
	else if (s->func[0])
		snprintf(buf, size, "%s in %s", s->func,
			 s->object[0] ? s->object : "the program");
	else if (s->object[0])
		snprintf(buf, size, "no symbol; %s + %#lx", s->object, s->objoff);
	else
		snprintf(buf, size, "no symbol matches");
}

void stack_info_symbol(struct debugger *d, int argc, char **argv,
		       struct result *r)
{
	char words[MAX_VARIANTS][SYMBOL_NAME_MAX + SYMBOL_PATH_MAX + 64];
	unsigned long addr[MAX_VARIANTS];
	bool have[MAX_VARIANTS] = { false }, same = true;
	int first = -1;
	char *text;

	if (!cmd_need_session(d, r))
		return;
	if (argc == 0) {
		result_error(r, "Argument required (address): info symbol ADDR.");
		return;
	}
	text = cmd_join(argc, argv);
	for (int v = 0; v < d->s->n; v++) {
		struct symbol sym;

		if (!cmd_eval_in(d, v, text, &addr[v], r))
			continue;
		stack_symbol(d, v, addr[v], &sym);
		symbol_words(&sym, words[v], sizeof(words[v]));
		have[v] = true;
		if (first < 0)
			first = v;
		else
			same &= strcmp(words[v], words[first]) == 0;
	}
	free(text);
	for (int v = 0; v < d->s->n; v++) {
		if (!have[v])
			continue;
		if (same && v == first) {
			result_text(r, "%s", words[v]);
			break;
		}
		result_text(r, "[%d] %#lx: %s", v, addr[v], words[v]);
	}
}

/* One row of info sharedlibrary: an object and where it is in each. */
struct librow {
	char name[SYMBOL_PATH_MAX];		/* the object */
	unsigned long low[MAX_VARIANTS];	/* its span in variant v */
	unsigned long high[MAX_VARIANTS];	/* (0, 0: not loaded there) */
	bool debuginfo;				/* line information found */
};

void stack_info_sharedlibrary(struct debugger *d, struct result *r)
{
	struct librow *rows = NULL;
	int nrows = 0;
	char line[1024];

	if (!cmd_need_session(d, r))
		return;
	for (int v = 0; v < d->s->n; v++) {
		struct error err = { 0 };
		struct symbols *sy = symbols_open(variant_pid(d, v), &err);
		struct module *mods;
		int n;

		if (!sy) {
			result_error(r, "variant %d: %s", v, err.msg);
			continue;
		}
		n = symbols_modules(sy, &mods);
		for (int i = 0; i < n; i++) {
			int k;

			for (k = 0; k < nrows; k++)
				if (strcmp(rows[k].name, mods[i].name) == 0 &&
				    rows[k].high[v] == 0)
					break;
			if (k == nrows) {
				rows = XRESIZEVEC(struct librow, rows, nrows + 1);
				memset(&rows[nrows], 0, sizeof(rows[nrows]));
				snprintf(rows[nrows].name, sizeof(rows[nrows].name),
					 "%s", mods[i].name);
				nrows++;
			}
			rows[k].low[v] = mods[i].low;
			rows[k].high[v] = mods[i].high;
			rows[k].debuginfo |= mods[i].debuginfo;
		}
		free(mods);
		symbols_close(sy);
	}
	if (nrows == 0) {
		result_text(r, "No objects are loaded.");
		return;
	}
	snprintf(line, sizeof(line), "Debug\tObject");
	for (int v = 0; v < d->s->n; v++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
			 "\tvariant %d", v);
	result_row(r, true, "%s", line);
	for (int k = 0; k < nrows; k++) {
		snprintf(line, sizeof(line), "%s\t%s",
			 rows[k].debuginfo ? "yes" : "no", rows[k].name);
		for (int v = 0; v < d->s->n; v++) {
			size_t at = strlen(line);

			if (rows[k].high[v])
				snprintf(line + at, sizeof(line) - at,
					 "\t%#lx-%#lx", rows[k].low[v],
					 rows[k].high[v]);
			else
				snprintf(line + at, sizeof(line) - at,
					 "\t(not loaded)");
		}
		result_row(r, false, "%s", line);
	}
	free(rows);
}
