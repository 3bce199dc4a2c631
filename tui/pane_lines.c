/* Scrollback text: a ring of lines. */
#include "pane_lines.h"

#include <libiberty.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void lines_init(struct lines *l, size_t max)
{
	memset(l, 0, sizeof(*l));
	l->cap = max ? max : 1;
	l->line = XCNEWVEC(char *, l->cap);
	l->style = XCNEWVEC(unsigned char, l->cap);
}

void lines_clear(struct lines *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->line[(l->start + i) % l->cap]);
		l->line[(l->start + i) % l->cap] = NULL;
	}
	l->start = l->count = 0;
	l->open = false;
	l->serial++;
}

void lines_free(struct lines *l)
{
	lines_clear(l);
	free(l->line);
	free(l->style);
	memset(l, 0, sizeof(*l));
}

static char **newest(struct lines *l)
{
	return &l->line[(l->start + l->count - 1) % l->cap];
}

/* Starts a new, empty, open line (dropping the oldest when full). */
static void push(struct lines *l, int style)
{
	size_t at;

	if (l->count == l->cap) {
		free(l->line[l->start]);
		l->line[l->start] = NULL;
		l->start = (l->start + 1) % l->cap;
		l->count--;
	}
	at = (l->start + l->count) % l->cap;
	l->line[at] = xstrdup("");
	l->style[at] = (unsigned char)style;
	l->count++;
	l->pushed++;
	l->open = true;
}

/* Appends n bytes to the newest line. */
static void extend(struct lines *l, const char *p, size_t n)
{
	char **s = newest(l);
	size_t len = strlen(*s);

	*s = xrealloc(*s, len + n + 1);
	memcpy(*s + len, p, n);
	(*s)[len + n] = '\0';
}

void lines_append(struct lines *l, int style, const char *p, size_t len)
{
	static const char spaces[] = "        ";

	for (size_t i = 0; i < len; i++) {
		size_t cur;

		if (!l->open || l->count == 0)
			push(l, style);
		cur = strlen(*newest(l));
		if (p[i] == '\n') {
			l->open = false;
		} else if (p[i] == '\r') {
			continue;
		} else if (p[i] == '\t') {
			extend(l, spaces, 8 - cur % 8);
		} else {
			size_t run = i;

			/* A run of plain bytes in one go. */
			while (run < len && p[run] != '\n' && p[run] != '\r' &&
			       p[run] != '\t' && cur + (run - i) < LINES_MAX_LEN)
				run++;
			extend(l, p + i, run - i);
			i = run - 1;
		}
		if (strlen(*newest(l)) >= LINES_MAX_LEN)
			l->open = false;
	}
	l->serial++;
}

void lines_add(struct lines *l, int style, const char *text)
{
	if (l->open)
		l->open = false;
	lines_append(l, style, text, strlen(text));
	if (!*text)
		push(l, style);
	l->open = false;
	l->serial++;
}

size_t lines_since(const struct lines *l, unsigned long mark)
{
	unsigned long oldest = l->pushed - l->count;

	return mark < oldest ? 0 : (size_t)(mark - oldest);
}

const char *lines_get(const struct lines *l, size_t i, int *style)
{
	size_t at = (l->start + i) % l->cap;

	if (i >= l->count)
		return NULL;
	if (style)
		*style = l->style[at];
	return l->line[at];
}

int text_char(const char *s, size_t len, int *cols)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, len, &st);
	if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
		*cols = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 1 ? 1 : w;
	return (int)n;
}

int text_width(const char *s)
{
	size_t len = strlen(s);
	int width = 0;

	for (size_t i = 0; i < len;) {
		int cols;

		i += text_char(s + i, len - i, &cols);
		width += cols;
	}
	return width;
}

size_t text_row(const char *s, size_t len, size_t at, int w, bool words,
		size_t *next)
{
	size_t end = at, space = 0;
	int col = 0;

	while (end < len) {
		int cols, b = text_char(s + end, len - end, &cols);

		if (col + cols > w)
			break;
		if (s[end] == ' ' && end > at)
			space = end;
		col += cols;
		end += (size_t)b;
	}
	if (end == at && at < len) {
		int cols;

		end += (size_t)text_char(s + at, len - at, &cols); /* too wide */
	}
	if (words && end < len && s[end] != ' ' && space > at)
		end = space + 1;
	*next = end;
	if (words && end < len)
		while (*next < len && s[*next] == ' ')
			(*next)++;
	return end;
}

static int rows_of(const char *s, int w, bool words)
{
	size_t len = strlen(s), at = 0;
	int rows = 0;

	if (w < 1)
		return 1;
	do {
		text_row(s, len, at, w, words, &at);
		rows++;
	} while (at < len);
	return rows;
}

int text_rows(const char *s, int w)
{
	return rows_of(s, w, false);
}

int text_rows_words(const char *s, int w)
{
	return rows_of(s, w, true);
}
