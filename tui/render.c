/* Results as text: calls with their step numbers (and sets, as the
 * trace names them: "[step 12 set 2]"), aligned tables,
 * memory dumps of every variant one under the other with differing
 * units marked. */
#include "render.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define COLS_MAX 16	/* columns of a table */

static void render_call(const struct item *it, FILE *f)
{
	if (it->set >= 0)
		fprintf(f, "[step %lu set %d] ", it->step, it->set);
	else
		fprintf(f, "[step %lu] ", it->step);
	if (it->variant != RESULT_ALL)
		fprintf(f, "variant %d: ", it->variant);
	fputs(it->text, f);
	if (it->diffarg >= 0)
		fprintf(f, "   <- $arg%d differs", it->diffarg);
	fputc('\n', f);
}

/* Units per line, as gdb: 8 bytes or halfwords, 4 words, 2 giants. */
static int per_line(const struct item *it)
{
	return it->unit == 4 ? 4 : it->unit == 8 ? 2 : 8;
}

static unsigned long unit_value(const struct item *it, size_t at)
{
	unsigned long v = 0;

	for (int k = it->unit - 1; k >= 0; k--)
		v = v << 8 | it->bytes[at + (size_t)k];
	return v;
}

static long signed_value(unsigned long v, int unit)
{
	int shift = 64 - unit * 8;

	return shift ? (long)(v << shift) >> shift : (long)v;
}

static void put_char(unsigned char c, char *buf, size_t size)
{
	static const char esc[] = "\a\b\t\n\v\f\r";
	static const char names[] = "abtnvfr";
	const char *e = c ? strchr(esc, c) : NULL;

	if (c == 0)
		snprintf(buf, size, "\\0");
	else if (e)
		snprintf(buf, size, "\\%c", names[e - esc]);
	else if (c == '\'' || c == '\\')
		snprintf(buf, size, "\\%c", c);
	else if (isprint(c))
		snprintf(buf, size, "%c", c);
	else
		snprintf(buf, size, "\\%03o", c);
}

/* One unit in format fmt. */
static void format_unit(const struct item *it, size_t at, char *buf,
			size_t size)
{
	unsigned long v = unit_value(it, at);
	int digits = it->unit * 2;

	switch (it->fmt) {
	case 'd':
		snprintf(buf, size, "%ld", signed_value(v, it->unit));
		break;
	case 'u':
		snprintf(buf, size, "%lu", v);
		break;
	case 'o':
		snprintf(buf, size, v ? "0%lo" : "0", v);
		break;
	case 't':
		for (int b = it->unit * 8 - 1, k = 0; b >= 0 && (size_t)k + 1 < size;
		     b--, k++) {
			buf[k] = v >> b & 1 ? '1' : '0';
			buf[k + 1] = '\0';
		}
		break;
	case 'a': {
		const char *note = it->notes ? it->notes[at / (size_t)it->unit]
					     : NULL;

		snprintf(buf, size, "%#lx%s%s", v, note ? " " : "",
			 note ? note : "");
		break;
	}
	case 'c': {
		char ch[8];

		put_char((unsigned char)v, ch, sizeof(ch));
		snprintf(buf, size, "%ld '%s'", signed_value(v, 1), ch);
		break;
	}
	default:	/* x and z: zero-padded hex, as gdb's x shows them */
		snprintf(buf, size, "0x%0*lx", digits, v);
		break;
	}
}

/* x/s: each NUL-terminated string of a dump on its own line. */
static void render_strings(const struct item *items, size_t n, int width,
			   FILE *f)
{
	for (size_t i = 0; i < n; i++) {
		const struct item *it = &items[i];
		size_t at = 0;

		while (at < it->len) {
			size_t end = at;
			bool differs = false;

			while (end < it->len && it->bytes[end])
				end++;
			for (size_t k = at; k <= end && k < it->len; k++)
				differs |= it->differs && it->differs[k];
			fprintf(f, "v%d %#*lx: \"", it->variant, width,
				it->addr + at);
			for (size_t k = at; k < end; k++) {
				char ch[8];

				if (it->bytes[k] == '"')
					fputs("\\\"", f);
				else if (it->bytes[k] == '\'')
					fputc('\'', f);
				else {
					put_char(it->bytes[k], ch, sizeof(ch));
					fputs(ch, f);
				}
			}
			fprintf(f, "\"%s%s\n", end >= it->len ? "..." : "",
				differs ? "   *differs" : "");
			at = end + 1;
		}
	}
}

void render_hex_group(const struct item *items, size_t n, FILE *f)
{
	int width = 0, cell = 0, lines;
	size_t longest = 0;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		char buf[80];
		int w = snprintf(buf, sizeof(buf), "%#lx",
				 items[i].addr + items[i].len);

		width = w > width ? w : width;
		longest = items[i].len > longest ? items[i].len : longest;
		for (size_t k = 0; items[i].differs && k < items[i].len; k++)
			any |= items[i].differs[k];
		for (size_t at = 0; items[i].fmt != 's' && at < items[i].len;
		     at += (size_t)items[i].unit) {
			int len;

			format_unit(&items[i], at, buf, sizeof(buf));
			len = (int)strlen(buf);
			cell = len > cell ? len : cell;
		}
	}
	if (n && items[0].fmt == 's') {
		render_strings(items, n, width, f);
		return;
	}
	if (n == 0 || items[0].unit <= 0)
		return;
	lines = per_line(&items[0]);
	for (size_t row = 0; row < longest;
	     row += (size_t)(lines * items[0].unit)) {
		for (size_t i = 0; i < n; i++) {
			const struct item *it = &items[i];

			if (row >= it->len)
				continue;
			fprintf(f, "v%d %#*lx:", it->variant, width,
				it->addr + row);
			for (int u = 0; u < lines; u++) {
				size_t at = row + (size_t)(u * it->unit);
				char buf[80];
				bool d = false;

				if (at + (size_t)it->unit > it->len)
					break;
				for (int k = 0; it->differs && k < it->unit; k++)
					d |= it->differs[at + (size_t)k];
				format_unit(it, at, buf, sizeof(buf));
				fprintf(f, " %*s%c", cell, buf, d ? '*' : ' ');
			}
			fputc('\n', f);
		}
	}
	if (any && n > 1)
		fputs("(* marks units that differ between the variants)\n", f);
}

void render_rows(const struct item *items, size_t n, FILE *f)
{
	int width[COLS_MAX] = { 0 };

	for (size_t i = 0; i < n; i++) {
		const char *p = items[i].text;

		for (int c = 0; c < COLS_MAX && p; c++) {
			const char *tab = strchr(p, '\t');
			int len = tab ? (int)(tab - p) : (int)strlen(p);

			width[c] = len > width[c] ? len : width[c];
			p = tab ? tab + 1 : NULL;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *p = items[i].text;

		for (int c = 0; p; c++) {
			const char *tab = strchr(p, '\t');
			int len = tab ? (int)(tab - p) : (int)strlen(p);

			if (tab && c < COLS_MAX)
				fprintf(f, "%-*.*s  ", width[c], len, p);
			else
				fprintf(f, "%.*s", len, p);
			p = tab ? tab + 1 : NULL;
		}
		fputc('\n', f);
	}
}

void render_item(const struct item *it, FILE *f)
{
	switch (it->kind) {
	case IT_CALL:
		render_call(it, f);
		break;
	case IT_FIELD:
		if (it->variant != RESULT_ALL)
			fprintf(f, "variant %d: ", it->variant);
		fprintf(f, "%s: %s\n", it->text, it->value ? it->value : "");
		break;
	case IT_ROW:
		render_rows(it, 1, f);
		break;
	case IT_HEX:
		render_hex_group(it, 1, f);
		break;
	case IT_OUTPUT:
		if (it->bytes)
			fwrite(it->bytes, 1, it->len, f);
		break;
	case IT_FRAME:
		if (it->variant == RESULT_ALL)
			fprintf(f, "%s\n", it->text);
		else
			fprintf(f, "#%-2d%c[%d] %#018lx in %s\n", it->num,
				it->marked ? '*' : ' ', it->variant, it->addr,
				it->value);
		break;
	case IT_VALUE:
		if (it->variant != RESULT_ALL)
			fprintf(f, "[%d] ", it->variant);
		fprintf(f, "%s = %s%s\n", it->text, it->value ? it->value : "",
			it->marked ? "   <- differs" : "");
		break;
	default:
		fprintf(f, "%s\n", it->text ? it->text : "");
		break;
	}
}

static void render(const struct result *r, FILE *f, FILE *err)
{
	for (size_t i = 0; i < r->n;) {
		const struct item *it = &r->items[i];
		size_t j = i + 1;

		if (it->kind == IT_ROW || it->kind == IT_HEX) {
			while (j < r->n && r->items[j].kind == it->kind &&
			       (it->kind != IT_ROW || !r->items[j].header ||
				j == i))
				j++;
			if (it->kind == IT_ROW)
				render_rows(it, j - i, f);
			else
				render_hex_group(it, j - i, f);
		} else if (it->kind == IT_ERROR && err) {
			fflush(f);
			fprintf(err, "%s\n", it->text);
			fflush(err);
		} else {
			render_item(it, f);
		}
		i = j;
	}
}

void render_result(const struct result *r, FILE *f)
{
	render(r, f, NULL);
}

void render_result_split(const struct result *r, FILE *f, FILE *err)
{
	render(r, f, err);
	fflush(f);
}
