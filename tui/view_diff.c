/* Highlight computation for the variant columns. */
#include "view_diff.h"
#include "compare.h"
#include "format.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

unsigned view_diff_args(const struct variant *vs, int n, int v,
			const unsigned char *ignore)
{
	const struct variant *me = &vs[v];
	unsigned bits = 0;

	if (me->state != VS_SYSCALL)
		return 0;
	for (int j = 0; j < n; j++) {
		const struct variant *o = &vs[j];
		int nargs;

		if (j == v)
			continue;
		if (o->state != VS_SYSCALL || o->call.nr != me->call.nr) {
			bits |= VIEW_DIFF_NAME;
			continue;
		}
		nargs = me->call.sc ? me->call.sc->nargs : SYSCALL_MAX_ARGS;
		for (int i = 0; i < nargs; i++) {
			char what[NOTE_MAX];
			size_t off;

			if (ignore && me->call.nr >= 0 &&
			    me->call.nr < SYSCALL_NR_LIMIT &&
			    (ignore[me->call.nr] & (1u << i)))
				continue;
			if (!me->call.sc) {
				if (me->call.args[i] != o->call.args[i])
					bits |= 1u << i;
				continue;
			}
			if (!compare_arg(&me->call, &o->call, i, &off, what,
					 sizeof(what)))
				bits |= 1u << i;
		}
	}
	return bits;
}

/* Appends text to cv as one span (arg) or as plain text (arg == 0 and
 * plain). */
static void put(struct callview *cv, const char *text, bool span, int arg)
{
	size_t at = strlen(cv->text);
	size_t n = strlen(text);

	if (at + n >= sizeof(cv->text))
		n = sizeof(cv->text) - 1 - at;
	memcpy(cv->text + at, text, n);
	cv->text[at + n] = '\0';
	if (span && cv->nspan < (int)(sizeof(cv->span) / sizeof(cv->span[0])))
		cv->span[cv->nspan++] = (struct callspan){
			.start = (int)at, .len = (int)n, .arg = arg
		};
}

void view_call_render(const struct call *c, const struct pmap *pm,
		      size_t strsize, struct callview *cv)
{
	char tmp[CALL_TEXT_MAX];
	int nargs;

	memset(cv, 0, sizeof(*cv));
	if (!c->sc) {
		snprintf(tmp, sizeof(tmp), "syscall_%ld", c->nr);
		put(cv, tmp, true, VIEW_SPAN_NAME);
		put(cv, "(", false, 0);
		for (int i = 0; i < SYSCALL_MAX_ARGS; i++) {
			snprintf(tmp, sizeof(tmp), "%#lx", c->args[i]);
			put(cv, i ? ", " : "", false, 0);
			put(cv, tmp, true, i);
		}
	} else {
		nargs = format_nargs(c);
		put(cv, c->sc->name, true, VIEW_SPAN_NAME);
		put(cv, "(", false, 0);
		for (int i = 0; i < nargs; i++) {
			format_arg(c, i, pm, strsize, tmp, sizeof(tmp));
			put(cv, i ? ", " : "", false, 0);
			put(cv, tmp, true, i);
		}
	}
	put(cv, ")", false, 0);
	if (c->done) {
		format_ret(c, tmp, sizeof(tmp));
		put(cv, " = ", false, 0);
		put(cv, tmp, true, VIEW_SPAN_RET);
	}
}

/* Columns a row of per bytes in units of unit takes. */
static int hex_row_w(int addr_w, int per, int unit)
{
	int need = addr_w + per / unit * (2 * unit + 1);

	if (unit == 1)
		need += 1 + per;	/* " ascii" */
	return need;
}

int view_hex_per_row(int w, int unit, int *addr_w)
{
	int per = 16, aw = VIEW_HEX_ADDR_W;

	if (unit < 1)
		unit = 1;
	while (per > unit) {
		if (hex_row_w(VIEW_HEX_ADDR_W, per, unit) <= w)
			break;
		if (hex_row_w(VIEW_HEX_SHORT_W, per, unit) <= w) {
			aw = VIEW_HEX_SHORT_W;
			break;
		}
		per /= 2;
	}
	if (addr_w)
		*addr_w = aw;
	return per;
}
