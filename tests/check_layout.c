/* The screen's pure parts, no terminal needed: layout for a size and a
 * number of variants, scrollback lines, highlight computation, call
 * rendering into spans, hex rows and the key table. */
#include "keys.h"
#include "layout.h"
#include "pane_lines.h"
#include "suites.h"
#include "syscall.h"
#include "view_diff.h"

#include <curses.h>
#include <libiberty.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether two rectangles share a cell. */
static bool overlap(const struct rect *a, const struct rect *b)
{
	if (a->h <= 0 || a->w <= 0 || b->h <= 0 || b->w <= 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool inside(const struct rect *r, int rows, int cols)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0 &&
	       r->y + r->h <= rows && r->x + r->w <= cols;
}

/* Every rectangle on the screen, no two overlapping, all inside. */
static void check_layout_sane(const struct layout *l)
{
	struct rect all[MAX_VARIANTS * COL_PARTS + PANE_COUNT];
	int n = 0;

	for (int s = 0; s < l->shown; s++)
		for (int p = 0; p < COL_PARTS; p++)
			all[n++] = l->col[s][p];
	for (int p = 0; p < PANE_COUNT; p++)
		all[n++] = l->pane[p];
	for (int i = 0; i < n; i++) {
		ck_assert_msg(inside(&all[i], l->rows, l->cols),
			      "%dx%d n=%d: rect %d (%d,%d %dx%d) outside",
			      l->cols, l->rows, l->n, i, all[i].y, all[i].x,
			      all[i].h, all[i].w);
		for (int j = i + 1; j < n; j++)
			ck_assert_msg(!overlap(&all[i], &all[j]),
				      "%dx%d n=%d: rects %d and %d overlap",
				      l->cols, l->rows, l->n, i, j);
	}
	for (int s = 0; s < l->shown; s++) {
		ck_assert_int_ge(l->col[s][COL_HEAD].h, 2);
		ck_assert_int_ge(l->col[s][COL_CALL].h, 3);
		ck_assert_int_ge(l->col[s][COL_FDS].h, 2);
		ck_assert_int_ge(l->col[s][COL_MEM].h, 2);
		ck_assert_int_ge(l->col[s][COL_HEAD].w, LAYOUT_COL_MIN_W);
	}
	ck_assert_int_ge(l->pane[PANE_HISTORY].h, 3);
	ck_assert_int_ge(l->pane[PANE_OUTPUT].h, 3);
	ck_assert_int_eq(l->pane[PANE_STATUS].h, 1);
	ck_assert_int_eq(l->pane[PANE_COMMAND].h, 1);
	ck_assert_int_eq(l->pane[PANE_HINT].h, 1);
	ck_assert_int_eq(l->pane[PANE_HINT].y, l->rows - 1);
}

START_TEST(layout_two_variants_side_by_side_at_160x48)
{
	struct layout l;

	layout_compute(&l, 48, 160, 2, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 2);
	ck_assert_int_eq(l.first, 0);
	/* Side by side: same rows, the second right of the first. */
	ck_assert_int_eq(l.col[0][COL_HEAD].y, l.col[1][COL_HEAD].y);
	ck_assert_int_gt(l.col[1][COL_HEAD].x, l.col[0][COL_HEAD].x +
			 l.col[0][COL_HEAD].w - 1);
	ck_assert_int_ge(l.col[0][COL_HEAD].w, 79);
	/* A whole x/16xb row fits in a column. */
	ck_assert_int_eq(view_hex_per_row(l.col[0][COL_MEM].w, 1, NULL), 16);
	ck_assert_int_ge(l.col[0][COL_FDS].h, 8);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_four_variants_fit_160x48)
{
	struct layout l;

	layout_compute(&l, 48, 160, 4, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 4);
	check_layout_sane(&l);
	layout_compute(&l, 48, 160, 3, 0);
	ck_assert_int_eq(l.shown, 3);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_more_variants_than_fit_scroll)
{
	struct layout l;

	layout_compute(&l, 24, 80, 4, 0);
	ck_assert(!l.too_small);
	ck_assert_int_eq(l.shown, 2);
	/* Asking for variant 3 first shows 2 and 3: every one reachable. */
	layout_compute(&l, 24, 80, 4, 3);
	ck_assert_int_eq(l.first, 2);
	layout_compute(&l, 24, 80, 4, -5);
	ck_assert_int_eq(l.first, 0);
	layout_compute(&l, 48, 160, 8, 7);
	ck_assert_int_eq(l.shown, 4);
	ck_assert_int_eq(l.first, 4);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_too_small_says_so)
{
	struct layout l;

	layout_compute(&l, 10, 40, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_ROWS - 1, 160, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, 48, LAYOUT_MIN_COLS - 1, 2, 0);
	ck_assert(l.too_small);
	layout_compute(&l, LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS, 2, 0);
	ck_assert(!l.too_small);
	check_layout_sane(&l);
}
END_TEST

START_TEST(layout_every_size_is_sane)
{
	struct layout l;

	for (int rows = LAYOUT_MIN_ROWS; rows <= 70; rows += 3)
		for (int cols = LAYOUT_MIN_COLS; cols <= 260; cols += 7)
			for (int n = 1; n <= MAX_VARIANTS; n++) {
				layout_compute(&l, rows, cols, n, n / 2);
				ck_assert(!l.too_small);
				ck_assert_int_ge(l.shown, 1);
				ck_assert_int_le(l.first + l.shown, n);
				check_layout_sane(&l);
			}
}
END_TEST

START_TEST(lines_join_partial_writes)
{
	struct lines l;
	int style;

	lines_init(&l, 10);
	lines_append(&l, 1, "hel", 3);
	lines_append(&l, 1, "lo\nwor", 6);
	lines_append(&l, 2, "ld\r\n\n", 5);
	ck_assert_uint_eq(l.count, 3);
	ck_assert_str_eq(lines_get(&l, 0, &style), "hello");
	ck_assert_int_eq(style, 1);
	ck_assert_str_eq(lines_get(&l, 1, NULL), "world");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "");
	ck_assert_ptr_null(lines_get(&l, 3, NULL));
	lines_append(&l, 0, "a\tb", 3);
	ck_assert_str_eq(lines_get(&l, 3, NULL), "a       b");
	lines_free(&l);
}
END_TEST

START_TEST(lines_keep_the_newest)
{
	struct lines l;
	char buf[16];

	lines_init(&l, 3);
	for (int i = 0; i < 10; i++) {
		snprintf(buf, sizeof(buf), "line %d", i);
		lines_add(&l, 0, buf);
	}
	ck_assert_uint_eq(l.count, 3);
	ck_assert_str_eq(lines_get(&l, 0, NULL), "line 7");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "line 9");
	lines_add(&l, 0, "two\nlines");
	ck_assert_str_eq(lines_get(&l, 1, NULL), "two");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "lines");
	lines_add(&l, 0, "");
	ck_assert_str_eq(lines_get(&l, 2, NULL), "");
	lines_free(&l);
}
END_TEST

START_TEST(text_wraps_by_display_width)
{
	setlocale(LC_ALL, "C.UTF-8");
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_rows("abcdef", 3), 2);
	ck_assert_int_eq(text_rows("abcdefg", 3), 3);
	ck_assert_int_eq(text_rows("", 3), 1);
	/* "é" is two bytes, one column; a bad byte is one column. */
	ck_assert_int_eq(text_width("\xc3\xa9t\xc3\xa9"), 3);
	ck_assert_int_eq(text_width("\xff" "a"), 2);
	setlocale(LC_ALL, "C");
}
END_TEST

/* Two variants at write(1, buf, 3) with the given contents. */
static void two_writes(struct variant v[2], const char *a, const char *b)
{
	const char *txt[2] = { a, b };

	memset(v, 0, 2 * sizeof(v[0]));
	for (int i = 0; i < 2; i++) {
		v[i].index = i;
		v[i].pid = 100 + i;
		v[i].state = VS_SYSCALL;
		v[i].call.nr = 1;
		v[i].call.sc = syscall_get(1);
		v[i].call.args[0] = 1;
		v[i].call.args[1] = 0x1000 + 0x100 * (unsigned long)i;
		v[i].call.args[2] = strlen(txt[i]);
		v[i].call.val[1].data = (unsigned char *)txt[i];
		v[i].call.val[1].len = strlen(txt[i]);
		v[i].call.val[1].read = true;
	}
}

START_TEST(diff_marks_differing_buffers_in_both)
{
	struct variant v[2];

	two_writes(v, "0x7ffd1", "0x7ffe2");
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), 1u << 1);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 1u << 1);
	/* Same bytes at different addresses: no difference. */
	two_writes(v, "hello", "hello");
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), 0);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 0);
}
END_TEST

START_TEST(diff_other_call_and_ignore_rules)
{
	struct variant v[2];
	unsigned char ignore[SYSCALL_NR_LIMIT] = { 0 };

	two_writes(v, "aaa", "bbb");
	ignore[1] = 1u << 1;
	ck_assert_uint_eq(view_diff_args(v, 2, 0, ignore), 0);
	v[1].call.nr = 2;
	v[1].call.sc = syscall_get(2);
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), VIEW_DIFF_NAME);
	v[1].state = VS_EXITED;
	ck_assert_uint_eq(view_diff_args(v, 2, 0, NULL), VIEW_DIFF_NAME);
	ck_assert_uint_eq(view_diff_args(v, 2, 1, NULL), 0);
}
END_TEST

START_TEST(call_render_records_spans)
{
	struct variant v[2];
	struct callview cv;
	struct pmap pm;
	int seen = 0;

	two_writes(v, "hi\n", "hi\n");
	pmap_init(&pm, 256);
	view_call_render(&v[0].call, &pm, 32, &cv);
	ck_assert_str_eq(cv.text, "write(1, \"hi\\n\", 3)");
	for (int i = 0; i < cv.nspan; i++) {
		char *part = strndup(cv.text + cv.span[i].start, cv.span[i].len);

		if (cv.span[i].arg == VIEW_SPAN_NAME)
			ck_assert_str_eq(part, "write");
		if (cv.span[i].arg == 1)
			ck_assert_str_eq(part, "\"hi\\n\"");
		seen |= cv.span[i].arg >= 0 ? 1 << cv.span[i].arg : 0;
		free(part);
	}
	ck_assert_int_eq(seen, 7);
	v[0].call.done = true;
	v[0].call.ret = 3;
	view_call_render(&v[0].call, &pm, 32, &cv);
	ck_assert_str_eq(cv.text, "write(1, \"hi\\n\", 3) = 3");
	ck_assert_int_eq(cv.span[cv.nspan - 1].arg, VIEW_SPAN_RET);
	pmap_free(&pm);
}
END_TEST

START_TEST(hex_rows_fit_the_width)
{
	int aw;

	ck_assert_int_eq(view_hex_per_row(79, 1, &aw), 16);
	ck_assert_int_eq(aw, VIEW_HEX_ADDR_W);
	/* 80x24's columns: 8 bytes beside the address's low digits */
	ck_assert_int_eq(view_hex_per_row(39, 1, &aw), 8);
	ck_assert_int_eq(aw, VIEW_HEX_SHORT_W);
	/* 120x40's: 8 beside the whole address */
	ck_assert_int_eq(view_hex_per_row(59, 1, &aw), 8);
	ck_assert_int_eq(aw, VIEW_HEX_ADDR_W);
	ck_assert_int_eq(view_hex_per_row(71, 1, &aw), 16);
	ck_assert_int_eq(aw, VIEW_HEX_SHORT_W);
	ck_assert_int_eq(view_hex_per_row(79, 8, NULL), 16);
	ck_assert_int_eq(view_hex_per_row(40, 8, &aw), 16);
	ck_assert_int_eq(aw, VIEW_HEX_SHORT_W);
	ck_assert_int_eq(view_hex_per_row(39, 8, NULL), 8);
	ck_assert_int_eq(view_hex_per_row(10, 4, NULL), 4);
	for (int w = 20; w < 200; w++) {
		int per = view_hex_per_row(w, 1, &aw);

		ck_assert_int_le(aw + per * 4 + 1, w < 30 ? 1000 : w);
	}
}
END_TEST

START_TEST(keys_table_drives_dispatch_and_hint)
{
	char hint[256];

	ck_assert_int_eq(keys_lookup(KEY_F(7)), KA_STEP);
	ck_assert_int_eq(keys_lookup(KEY_F(5)), KA_CONTINUE);
	ck_assert_int_eq(keys_lookup(KEY_F(6)), KA_FOCUS);
	ck_assert_int_eq(keys_lookup(KEY_PPAGE), KA_PAGEUP);
	ck_assert_int_eq(keys_lookup(KEY_NPAGE), KA_PAGEDOWN);
	/* Readline keeps its keys. */
	ck_assert_int_eq(keys_lookup('a'), KA_NONE);
	ck_assert_int_eq(keys_lookup('\t'), KA_NONE);
	ck_assert_int_eq(keys_lookup(KEY_UP), KA_NONE);
	keys_hint(hint, sizeof(hint), 200);
	ck_assert_ptr_nonnull(strstr(hint, "F7 step"));
	ck_assert_ptr_nonnull(strstr(hint, "F5 continue"));
	ck_assert_ptr_nonnull(strstr(hint, "PgUp/PgDn scroll"));
	ck_assert_ptr_nonnull(strstr(hint, "F6 focus"));
	ck_assert_ptr_nonnull(strstr(hint, "F2/F3 variants"));
	ck_assert_ptr_nonnull(strstr(hint, "quit"));
	keys_hint(hint, 12, 200);
	ck_assert_uint_lt(strlen(hint), 12);
}
END_TEST

/* The footer fits every width: at 80 every key in its brief form, at
 * 60 the first ones, never a key cut in two. */
START_TEST(keys_hint_fits_the_width)
{
	char hint[512];

	for (int w = 10; w <= 200; w++) {
		keys_hint(hint, sizeof(hint), w);
		ck_assert_int_le((int)strlen(hint), w);
	}
	keys_hint(hint, sizeof(hint), 80);
	ck_assert_ptr_nonnull(strstr(hint, "F7 step"));
	ck_assert_ptr_nonnull(strstr(hint, "F5 cont"));
	ck_assert_ptr_nonnull(strstr(hint, "F6 focus"));
	ck_assert_ptr_nonnull(strstr(hint, "F1 keys"));
	ck_assert_ptr_nonnull(strstr(hint, "F2/F3"));
	ck_assert_ptr_nonnull(strstr(hint, "quit"));
	keys_hint(hint, sizeof(hint), 60);
	ck_assert_ptr_nonnull(strstr(hint, "F7 step"));
	ck_assert_str_ne(hint + strlen(hint) - 1, " ");
	keys_hint_of(keys_pager, keys_pager_count, hint, sizeof(hint), 80);
	ck_assert_ptr_nonnull(strstr(hint, "q/Esc back"));
}
END_TEST

/* Where the panes go at the sizes people use: 80x24 shows a call of
 * three rows, four fds, two rows of memory, and the panes below. */
START_TEST(layout_at_80x24_120x40_200x60)
{
	static const struct {
		int rows, cols;		/* the terminal */
		int fds, mem;		/* rows of fds and memory, at least */
		int per;		/* memory bytes per row */
		int msg;		/* rows of the messages pane, at least */
	} sizes[] = {
		{ 24, 80, 4, 2, 8, 4 },
		{ 40, 120, 8, 4, 8, 9 },
		{ 60, 200, 16, 6, 16, 14 },
	};
	struct layout l;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		layout_compute(&l, sizes[i].rows, sizes[i].cols, 2, 0);
		check_layout_sane(&l);
		ck_assert_int_eq(l.shown, 2);
		ck_assert_int_ge(l.col[0][COL_CALL].h, 3);
		ck_assert_int_ge(l.col[0][COL_FDS].h - 1, sizes[i].fds);
		ck_assert_int_ge(l.col[0][COL_MEM].h - 1, sizes[i].mem);
		ck_assert_int_eq(view_hex_per_row(l.col[1][COL_MEM].w, 1, NULL),
				 sizes[i].per);
		ck_assert_int_ge(l.pane[PANE_MESSAGES].h - 1, sizes[i].msg);
		ck_assert_int_ge(l.pane[PANE_HISTORY].h - 1, 2);
	}
	/* five variants at 80x24: two shown, the others reachable */
	layout_compute(&l, 24, 80, 5, 0);
	ck_assert_int_eq(l.shown, 2);
	layout_compute(&l, 24, 80, 5, 9);
	ck_assert_int_eq(l.first, 3);
}
END_TEST

/* The messages pane wraps at words, a word longer than the row where
 * the row ends. */
START_TEST(text_wraps_at_words)
{
	const char *s = "the variants diverged at step 33";
	size_t next, end;

	ck_assert_int_eq(text_rows_words(s, 80), 1);
	ck_assert_int_eq(text_rows_words(s, 16), 3);
	end = text_row(s, strlen(s), 0, 16, true, &next);
	ck_assert_int_eq((int)end, 13);	/* "the variants " */
	ck_assert_int_eq((int)next, 13);
	end = text_row(s, strlen(s), 0, 16, false, &next);
	ck_assert_int_eq((int)end, 16);
	ck_assert_int_eq(text_rows_words("abcdefghij", 4), 3);
	/* a space at the row's end: the next row starts at the word */
	end = text_row("abc def", 7, 0, 3, true, &next);
	ck_assert_int_eq((int)end, 3);
	ck_assert_int_eq((int)next, 4);
}
END_TEST

Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("units");

	/* layout_every_size_is_sane walks thousands of sizes: over Check's
	 * 4 s default on a loaded machine */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, layout_two_variants_side_by_side_at_160x48);
	tcase_add_test(tc, layout_four_variants_fit_160x48);
	tcase_add_test(tc, layout_more_variants_than_fit_scroll);
	tcase_add_test(tc, layout_too_small_says_so);
	tcase_add_test(tc, layout_every_size_is_sane);
	tcase_add_test(tc, lines_join_partial_writes);
	tcase_add_test(tc, lines_keep_the_newest);
	tcase_add_test(tc, text_wraps_by_display_width);
	tcase_add_test(tc, diff_marks_differing_buffers_in_both);
	tcase_add_test(tc, diff_other_call_and_ignore_rules);
	tcase_add_test(tc, call_render_records_spans);
	tcase_add_test(tc, hex_rows_fit_the_width);
	tcase_add_test(tc, keys_table_drives_dispatch_and_hint);
	tcase_add_test(tc, keys_hint_fits_the_width);
	tcase_add_test(tc, layout_at_80x24_120x40_200x60);
	tcase_add_test(tc, text_wraps_at_words);
	suite_add_tcase(s, tc);
	return s;
}
