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
		if (j == v)
			continue;
		if (vs[j].state != VS_SYSCALL)
			bits |= VIEW_DIFF_NAME;
		else
			bits |= compare_call_diffs(&me->call, &vs[j].call,
						   ignore);
	}
	return bits;
}

void view_call_render(const struct call *c, const struct pmap *pm,
		      size_t strsize, struct callview *cv)
{
	struct fmtspan span[SYSCALL_MAX_ARGS + 2];
	struct fmtcall how = {
		.pm = pm, .strsize = strsize,
		.span = span, .maxspan = SYSCALL_MAX_ARGS + 2,
	};

	memset(cv, 0, sizeof(*cv));
	format_call_with(c, &how, cv->text, sizeof(cv->text));
	for (int i = 0; i < how.nspan; i++)
		cv->span[i] = (struct callspan){
			.start = span[i].start, .len = span[i].len,
			.arg = span[i].arg,
		};
	cv->nspan = how.nspan;
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
