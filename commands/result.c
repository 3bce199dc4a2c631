/* Result lists. */
#include "result.h"

#include <libiberty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void result_init(struct result *r)
{
	memset(r, 0, sizeof(*r));
}

void result_free(struct result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].text);
		free(r->items[i].value);
		free(r->items[i].bytes);
		free(r->items[i].differs);
		for (size_t k = 0; r->items[i].notes && r->items[i].unit > 0 &&
		     k < r->items[i].len / (size_t)r->items[i].unit; k++)
			free(r->items[i].notes[k]);
		free(r->items[i].notes);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

struct item *result_add(struct result *r, enum itemkind kind, int variant)
{
	struct item *it;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->items = XRESIZEVEC(struct item, r->items, r->cap);
	}
	it = &r->items[r->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->variant = variant;
	it->diffarg = -1;
	it->set = -1;
	if (kind == IT_ERROR)
		r->failed = true;
	return it;
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

void result_text(struct result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result_add(r, IT_TEXT, RESULT_ALL)->text = vformat(fmt, ap);
	va_end(ap);
}

void result_error(struct result *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result_add(r, IT_ERROR, RESULT_ALL)->text = vformat(fmt, ap);
	va_end(ap);
}

void result_field(struct result *r, int variant, const char *name,
		  const char *fmt, ...)
{
	va_list ap;
	struct item *it = result_add(r, IT_FIELD, variant);

	it->text = xstrdup(name);
	va_start(ap, fmt);
	it->value = vformat(fmt, ap);
	va_end(ap);
}

void result_row(struct result *r, bool header, const char *fmt, ...)
{
	va_list ap;
	struct item *it = result_add(r, IT_ROW, RESULT_ALL);

	it->header = header;
	va_start(ap, fmt);
	it->text = vformat(fmt, ap);
	va_end(ap);
}
