/* info (variants, syscall, fds, registers, maps, breakpoints, ignores)
 * and history. */
#include "debugger.h"
#include "format.h"
#include "inspect.h"
#include "symbols.h"

#include <fcntl.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const info_topics[] = {
	"breakpoints", "display", "fds", "frame", "ignores", "maps", "proc",
	"registers", "sharedlibrary", "symbol", "syscall", "variants", NULL,
};

static const char *const kind_names[] = {
	[ARG_NONE] = "-",	    [ARG_INT] = "int",
	[ARG_UINT] = "uint",	    [ARG_LONG] = "long",
	[ARG_ULONG] = "ulong",	    [ARG_HEX] = "hex",
	[ARG_HEX32] = "hex",
	[ARG_MODE] = "mode",	    [ARG_FD] = "fd",
	[ARG_DIRFD] = "dirfd",	    [ARG_FLAGS] = "flags",
	[ARG_SIGNAL] = "signal",    [ARG_PID] = "pid",
	[ARG_PATH] = "path",	    [ARG_STR] = "string",
	[ARG_INBUF] = "in buffer",  [ARG_OUTBUF] = "out buffer",
	[ARG_INSTRUCT] = "in struct", [ARG_OUTSTRUCT] = "out struct",
	[ARG_IOSTRUCT] = "in/out struct", [ARG_IOV_IN] = "in iovec",
	[ARG_IOV_OUT] = "out iovec", [ARG_STRARRAY] = "strings",
	[ARG_SOCKADDR] = "sockaddr", [ARG_SOCKADDR_OUT] = "out sockaddr",
	[ARG_PTR] = "address",	    [ARG_MSECS] = "timeout",
};

static const char *const route_words[] = {
	[ROUTE_VARIANT] = "in every variant",
	[ROUTE_PLATFORM] = "once, in the platform; the result goes to every variant",
	[ROUTE_LEADER] = "in variant 0; its result goes to the others",
	[ROUTE_INJECT] = "nowhere: every variant gets a result from mvdb",
	[ROUTE_NONE] = "nowhere",
};

/* Where the focused set's call at hand runs, or why it has none. */
static bool syscall_head(struct debugger *d, const struct vset *set,
			 struct result *r)
{
	struct session *s = d->s;
	char name[96], state[128];

	dbg_set_name(s, set->id, name, sizeof(name));
	if (set->id == s->cur) {
		if (s->made > 1)
			result_text(r, "Step %lu, in %s; the call runs %s.",
				    s->step, name, route_words[s->route]);
		else
			result_text(r, "Step %lu; the call runs %s.", s->step,
				    route_words[s->route]);
		if (s->note[0])
			result_text(r, "Note: %s", s->note);
		return true;
	}
	dbg_set_state(d, set->id, state, sizeof(state));
	if (!sets_call_known(s, set->id)) {
		result_text(r, "In %s, %s: no call at hand was read.", name, state);
		return false;
	}
	result_text(r, "In %s, %s; the call runs %s.", name, state,
		    route_words[set->dec.route]);
	if (set->dec.note[0])
		result_text(r, "Note: %s", set->dec.note);
	return true;
}

/* " <write+23> in libc.so.6" for code at addr of variant v, or "". */
static void code_words(struct debugger *d, int v, unsigned long addr,
		       char *buf, size_t size)
{
	struct symbol sym;
	const char *base;
	char name[SYMBOL_NAME_MAX + 8];

	buf[0] = '\0';
	if (!stack_symbol(d, v, addr, &sym))
		return;
	base = strrchr(sym.object, '/');
	symbols_short(&sym, name, sizeof(name));
	snprintf(buf, size, "%s%s in %s", name[0] ? " " : "", name,
		 base ? base + 1 : sym.object);
}

static void info_syscall(struct debugger *d, struct result *r)
{
	struct session *s = d->s;
	const struct vset *set;
	char text[CALL_TEXT_MAX], where[SYMBOL_NAME_MAX + SYMBOL_PATH_MAX + 16];
	bool known;

	if (!cmd_need_session(d, r))
		return;
	set = sets_focused(d);
	known = syscall_head(d, set, r);
	for (int i = 0; i < s->n; i++) {
		const struct variant *v = &set->v[i];
		const struct call *c = &v->call;

		if (v->state != VS_SYSCALL || !known) {
			result_text(r, "variant %d (pid %d): %s", i, (int)v->pid,
				    format_state_words(v));
			continue;
		}
		code_words(d, i, c->ip, where, sizeof(where));
		result_text(r, "variant %d (pid %d): %s (%ld), at ip %#lx%s, sp %#lx",
			    i, (int)v->pid, syscall_name(c->nr), c->nr, c->ip,
			    where, c->sp);
		result_row(r, true, "Arg\tKind\tRaw\tDecoded");
		for (int k = 0; k < (c->sc ? c->sc->nargs : SYSCALL_MAX_ARGS); k++) {
			struct item *it;

			if (c->sc)
				format_arg(c, k, set->fds, s->cfg.strsize, text,
					   sizeof(text));
			else
				snprintf(text, sizeof(text), "%#lx", c->args[k]);
			result_row(r, false, "$arg%d\t%s\t%#lx\t%s", k,
				   c->sc ? kind_names[c->sc->args[k].kind] : "?",
				   c->args[k], text);
			it = &r->items[r->n - 1];
			it->variant = i;
		}
	}
}

static void fd_flags(int flags, char *buf, size_t size)
{
	static const char *const modes[] = { "r", "w", "rw", "?" };

	snprintf(buf, size, "%s%s%s%s", modes[flags & O_ACCMODE],
		 flags & O_APPEND ? ",append" : "",
		 flags & O_NONBLOCK ? ",nonblock" : "",
		 flags & O_CLOEXEC ? ",cloexec" : "");
}

/* "set 2 " before "variant 0" when the focused set is not set 0. */
static const char *set_prefix(struct debugger *d, char *buf, size_t size)
{
	int id = dbg_focus(d);

	if (id > 0)
		snprintf(buf, size, "set %d ", id);
	else
		buf[0] = '\0';
	return buf;
}

static void info_fds(struct debugger *d, int only, struct result *r)
{
	char pre[32];
	int set;

	if (!cmd_need_session(d, r))
		return;
	set = dbg_focus(d);
	set_prefix(d, pre, sizeof(pre));
	for (int i = 0; i < d->s->n; i++) {
		struct fdrow *rows;
		struct error err = { 0 };
		int n;

		if (only >= 0 && i != only)
			continue;
		n = inspect_set_fds(d->s, set, i, &rows, &err);
		if (n < 0) {
			result_error(r, "%s", err.msg);
			continue;
		}
		result_text(r, "%svariant %d (pid %d): %d descriptors", pre, i,
			    (int)session_set(d->s, set)->v[i].pid, n);
		/* whose descriptor each number is: the platform's (its slot,
		 * and the monitor's real descriptor behind it) or the
		 * variant's own */
		result_row(r, true, "Fd\tWhose\tSlot\tMonitor's fd\tMode\tOffset\tPath");
		for (int k = 0; k < n; k++) {
			char mode[48], off[24] = "-", slot[24] = "-", real[16] = "-";
			int offset = session_set(d->s, set)->fds->offset;

			fd_flags(rows[k].flags, mode, sizeof(mode));
			if (rows[k].offset >= 0)
				snprintf(off, sizeof(off), "%lld", rows[k].offset);
			if (rows[k].platform && rows[k].num >= offset)
				snprintf(slot, sizeof(slot), "%d+%d", offset,
					 rows[k].num - offset);
			else if (rows[k].platform)
				snprintf(slot, sizeof(slot), "below %d", offset);
			if (rows[k].platform)
				snprintf(real, sizeof(real), "%d", rows[k].realfd);
			result_row(r, false, "%d\t%s\t%s\t%s\t%s\t%s\t%s",
				   rows[k].num,
				   rows[k].platform ? "platform fd" :
				   rows[k].tracked ? "variant's own" :
						     "variant's own (inherited)",
				   slot, real, mode, off, rows[k].path);
			r->items[r->n - 1].variant = i;
		}
		free(rows);
	}
}

static bool is_register(const char *name)
{
	for (int i = 0; inspect_reg_names[i]; i++)
		if (strcmp(inspect_reg_names[i], name) == 0)
			return true;
	return false;
}

/* Without a name, the aliases (pc, sp, fp) and 32-bit halves (eax...)
 * are left out: they repeat other rows. */
static bool reg_shown(const char *name, const char *const *regs, int nregs)
{
	for (int k = 0; k < nregs; k++)
		if (strcmp(name, regs[k]) == 0)
			return true;
	if (nregs)
		return false;
	if (strcmp(name, "pc") == 0 || strcmp(name, "sp") == 0 ||
	    strcmp(name, "fp") == 0)
		return false;
	return !(name[0] == 'e' && strlen(name) == 3);
}

/* Whether register name is known in a caller's frame (known: its DWARF
 * registers recovered); thread-wide ones (segments, bases) always are. */
static bool frame_keeps(const char *name, unsigned int known)
{
	size_t off;
	int reg;

	if (inspect_reg_offset(name, &off, NULL) == -1)
		return false;
	reg = symbols_dwarf_reg(off);
	if (reg >= 0)
		return known & (1u << reg);
	return strcmp(name, "eflags") != 0 && strcmp(name, "orig_rax") != 0;
}

static void info_registers(struct debugger *d, int argc, char **argv,
			   struct result *r)
{
	struct user_regs_struct regs[MAX_VARIANTS];
	bool have[MAX_VARIANTS] = { 0 };
	unsigned int known[MAX_VARIANTS] = { 0 };
	const char *regs_named[16];
	char row[1024];
	int only = -1, nregs = 0, sel = stack_selected(d);

	if (!cmd_need_session(d, r))
		return;
	for (int k = 0; k < argc; k++) {
		long v;
		const char *name = argv[k][0] == '$' ? argv[k] + 1 : argv[k];

		if (cmd_number(argv[k], &v)) {
			if (v < 0 || v >= d->s->n) {
				result_error(r, "No variant %ld (variants are 0 to %d).",
					     v, d->s->n - 1);
				return;
			}
			if (only >= 0) {
				result_error(r, "One variant at most: \"%d\" and \"%ld\" (leave it out for all).",
					     only, v);
				return;
			}
			only = (int)v;
		} else if (is_register(name)) {
			if (nregs == (int)(sizeof(regs_named) / sizeof(regs_named[0]))) {
				result_error(r, "Too many registers named (%d at most).",
					     nregs);
				return;
			}
			regs_named[nregs++] = name;
		} else {
			result_error(r, "No register named \"%s\" (try rax, rsp, rip, sp, pc, r8..r15).",
				     argv[k]);
			return;
		}
	}
	for (int i = 0; i < d->s->n; i++) {
		struct error err = { 0 };
		struct frame f;

		if (only >= 0 && i != only)
			continue;
		if (sel > 0 && stack_frame(d, i, &f, &err) == 0) {
			regs[i] = f.regs;
			known[i] = f.known;
			have[i] = true;
		} else if (sel > 0) {
			result_error(r, "%s", err.msg);
		} else if (inspect_set_regs(d->s, dbg_focus(d), i, &regs[i],
					    &err) == -1) {
			result_error(r, "%s", err.msg);
		} else {
			have[i] = true;
		}
	}
	snprintf(row, sizeof(row), sel > 0 ? "Register (frame %d)" :
		 "Register", sel);
	for (int i = 0; i < d->s->n; i++)
		if (have[i])
			snprintf(row + strlen(row), sizeof(row) - strlen(row),
				 "\tvariant %d", i);
	result_row(r, true, "%s", row);
	for (int k = 0; inspect_reg_names[k]; k++) {
		const char *name = inspect_reg_names[k];

		if (!reg_shown(name, regs_named, nregs))
			continue;
		snprintf(row, sizeof(row), "%s", name);
		for (int i = 0; i < d->s->n; i++) {
			unsigned long val = 0;
			char sym[SYMBOL_NAME_MAX + 32] = "";

			if (!have[i])
				continue;
			if (sel > 0 && !frame_keeps(name, known[i])) {
				snprintf(row + strlen(row),
					 sizeof(row) - strlen(row),
					 "\t<not saved>");
				continue;
			}
			inspect_reg(&regs[i], name, &val, NULL);
			if (strcmp(name, "rip") == 0 || strcmp(name, "pc") == 0) {
				struct symbol s;

				stack_symbol(d, i, val, &s);
				symbols_short(&s, sym + 1, sizeof(sym) - 1);
				if (sym[1])
					sym[0] = ' ';
			}
			snprintf(row + strlen(row), sizeof(row) - strlen(row),
				 "\t%#lx%s", val, sym);
		}
		result_row(r, false, "%s", row);
	}
}

static void info_maps(struct debugger *d, int only, struct result *r)
{
	char pre[32];
	int set;

	if (!cmd_need_session(d, r))
		return;
	set = dbg_focus(d);
	set_prefix(d, pre, sizeof(pre));
	for (int i = 0; i < d->s->n; i++) {
		struct error err = { 0 };
		char *maps, *line, *save = NULL;

		if (only >= 0 && i != only)
			continue;
		maps = inspect_set_maps(d->s, set, i, &err);
		if (!maps) {
			result_error(r, "%s", err.msg);
			continue;
		}
		result_text(r, "%svariant %d (pid %d):", pre, i,
			    (int)session_set(d->s, set)->v[i].pid);
		for (line = strtok_r(maps, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			result_add(r, IT_TEXT, i)->text = xstrdup(line);
		free(maps);
	}
}

/* The optional variant number of info fds/maps. */
static bool variant_arg(struct debugger *d, int argc, char **argv, int *only,
			struct result *r)
{
	long v;

	*only = -1;
	if (argc == 0)
		return true;
	if (argc > 1) {
		result_error(r, "Takes at most one variant number, not \"%s %s\".",
			     argv[0], argv[1]);
		return false;
	}
	if (!cmd_number(argv[0], &v) || v < 0 ||
	    v >= (d->s ? d->s->n : d->cfg.nvariants)) {
		result_error(r, "\"%s\" is not a variant number (0 to %d).",
			     argv[0], (d->s ? d->s->n : d->cfg.nvariants) - 1);
		return false;
	}
	*only = (int)v;
	return true;
}

void cmd_info(struct debugger *d, const struct cmdargs *a, struct result *r)
{
	const char *topic = a->argv[0];
	size_t len = strlen(topic);
	const char *match = NULL;
	int only, nmatch = 0;
	char names[256] = "";

	for (int i = 0; info_topics[i]; i++) {
		if (strncmp(info_topics[i], topic, len) != 0)
			continue;
		match = info_topics[i];
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%s%s", nmatch++ ? ", " : "", match);
	}
	/* gdb's short forms: info b, info reg, info s (the stack). */
	if (strcmp(topic, "b") == 0 || strcmp(topic, "break") == 0)
		match = "breakpoints", nmatch = 1;
	if (strcmp(topic, "s") == 0 || strcmp(topic, "stack") == 0)
		match = "stack", nmatch = 1;
	if (strcmp(topic, "sym") == 0)
		match = "symbol", nmatch = 1;
	if (strcmp(topic, "f") == 0)
		match = "frame", nmatch = 1;
	if (nmatch != 1) {
		result_error(r, nmatch ? "Ambiguous info topic \"%s\": %s." :
				"Undefined info command: \"%s\".  Try \"help info\".%s",
			     topic, names);
		return;
	}
	if (strcmp(match, "stack") == 0) {
		struct cmdargs rest = { a->argc - 1, a->argv + 1, "", "" };

		cmd_backtrace(d, &rest, r);
		return;
	}
	if (strcmp(match, "registers") == 0) {
		info_registers(d, a->argc - 1, a->argv + 1, r);
		return;
	}
	if (strcmp(match, "symbol") == 0) {
		stack_info_symbol(d, a->argc - 1, a->argv + 1, r);
		return;
	}
	/* gdb's `info proc mappings` is info maps. */
	if (strcmp(match, "proc") == 0) {
		if (a->argc < 2 || strncmp("mappings", a->argv[1],
					   strlen(a->argv[1])) != 0) {
			result_error(r, "\"info proc\" knows \"mappings\" only (as info maps).");
			return;
		}
		match = "maps";
		if (!variant_arg(d, a->argc - 2, a->argv + 2, &only, r))
			return;
		info_maps(d, only, r);
		return;
	}
	if (strcmp(match, "fds") == 0 || strcmp(match, "maps") == 0) {
		if (!variant_arg(d, a->argc - 1, a->argv + 1, &only, r))
			return;
		if (match[0] == 'f')
			info_fds(d, only, r);
		else
			info_maps(d, only, r);
		return;
	}
	if (a->argc > 1) {
		result_error(r, "\"info %s\" takes no arguments.", match);
		return;
	}
	if (strcmp(match, "variants") == 0)
		sets_info(d, r);
	else if (strcmp(match, "syscall") == 0)
		info_syscall(d, r);
	else if (strcmp(match, "breakpoints") == 0)
		breaks_info(d, r);
	else if (strcmp(match, "frame") == 0)
		stack_info_frame(d, r);
	else if (strcmp(match, "sharedlibrary") == 0)
		stack_info_sharedlibrary(d, r);
	else if (strcmp(match, "display") == 0)
		displays_info(d, r);
	else
		ignores_info(d, r);
}

void cmd_history(struct debugger *d, const struct cmdargs *a,
		 struct result *r)
{
	long n = (long)d->histlines;
	const struct histent *h;

	if (a->argc && (!cmd_number(a->argv[0], &n) || n < 1)) {
		result_error(r, "\"history\" takes a count, not \"%s\".", a->argv[0]);
		return;
	}
	if (!d->s || !session_history(d->s, 0)) {
		result_text(r, "No steps yet.");
		return;
	}
	if (n > HISTORY_SIZE)
		n = HISTORY_SIZE;
	for (long i = n; i-- > 0;) {
		h = session_history(d->s, (unsigned long)i);
		if (h)
			run_add_record(d, r, h);
	}
}
