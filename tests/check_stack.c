/* Where in the program: bt, frame, x/i, info symbol, info
 * sharedlibrary and symbolised addresses, end to end through the real
 * binary on tracees built with -g (tests/tracees/bt.c, cxx/bt.cc).
 * Nothing here depends on libc's debug information: only the tracees'
 * own frames are named exactly. */
#include "run.h"
#include "suites.h"

#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs mvdb -n 2 in batch on tracee name, stopped at its first write,
 * then the commands (at most 8, NULL-ended). */
static void at_write(struct run *r, const char *exe1, const char *name,
		     const char *const *cmds)
{
	const char *argv[32];
	char exe[512];
	int n = 0;

	argv[n++] = "--batch";
	argv[n++] = "-n";
	argv[n++] = "2";
	if (exe1) {
		snprintf(exe, sizeof(exe), "--exe=1:%s", tracee(exe1));
		argv[n++] = exe;
	}
	argv[n++] = "-e";
	argv[n++] = "break syscall write";
	argv[n++] = "-e";
	argv[n++] = "continue";
	for (int i = 0; cmds[i] && i < 8; i++) {
		argv[n++] = "-e";
		argv[n++] = cmds[i];
	}
	argv[n++] = "--";
	argv[n++] = tracee(name);
	while (n < 32)
		argv[n++] = NULL;
	run_mvdb(r, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5],
		 argv[6], argv[7], argv[8], argv[9], argv[10], argv[11],
		 argv[12], argv[13], argv[14], argv[15], argv[16], argv[17],
		 argv[18], argv[19], argv[20], argv[21], argv[22], argv[23],
		 argv[24], argv[25], NULL);
}

/* The text after the echo of command cmd, up to the next prompt. */
static char *after(const struct run *r, const char *cmd)
{
	char echo[256];
	const char *p, *end;

	snprintf(echo, sizeof(echo), "(mvdb) %s\n", cmd);
	p = strstr(r->out, echo);
	if (!p)
		return strdup("");
	p += strlen(echo);
	end = strstr(p, "(mvdb) ");
	return strndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* Whether the words appear in text in this order. */
static bool in_order(const char *text, const char *const *words)
{
	for (int i = 0; words[i]; i++) {
		const char *p = strstr(text, words[i]);

		if (!p)
			return false;
		text = p + strlen(words[i]);
	}
	return true;
}

/* bt at a breakpoint on write names the tracee's own functions, with
 * their source lines, innermost first; identical frames once. */
START_TEST(bt_names_every_frame)
{
	static const char *const cmds[] = { "bt", "bt 2", "bt in 1", NULL };
	static const char *const frames[] = {
		"#0 ", "write",
		"\n#1  say (", ") at tests/tracees/bt.c:",
		"\n#2  middle (", ") at tests/tracees/bt.c:",
		"\n#3  outer (times=1) at tests/tracees/bt.c:",
		"\n#4  main (", ") at tests/tracees/bt.c:", NULL,
	};
	struct run r;
	char *bt, *two, *one;

	at_write(&r, NULL, "bt", cmds);
	bt = after(&r, "bt");
	two = after(&r, "bt 2");
	one = after(&r, "bt in 1");
	ck_assert_msg(in_order(bt, frames), "%s", r.out);
	ck_assert_msg(!strstr(bt, " *[") &&
		      !strstr(bt, "the first where the variants differ"), "%s",
		      bt);
	ck_assert_msg(count_of(bt, "  main (") == 1, "%s", bt);
	ck_assert_msg(strstr(two, "#1  say (") && !strstr(two, "#2") &&
		      strstr(two, "(More stack frames follow...)"), "%s", two);
	/* One variant: gdb's form, addresses included. */
	ck_assert_msg(strstr(one, "variant 1:\n#0  0x") &&
		      strstr(one, "#1  0x") && strstr(one, " in say ("),
		      "%s", one);
	ck_assert_int_eq(r.status, 0);
	free(bt);
	free(two);
	free(one);
	run_free(&r);
}
END_TEST

/* A stack deeper than the 64 frames mvdb unwinds: the last shown has
 * its own arguments (it had <optimized out>, its caller not unwound),
 * bt says more may follow, and frame and up past it say why not. */
START_TEST(a_deep_stack_says_where_it_stops)
{
	static const char *const cmds[] = { "bt", "frame 70", "up 200",
					    NULL };
	struct run r;

	at_write(&r, NULL, "bt_deep", cmds);
	ck_assert_msg(strstr(r.out, "\n#63 rec (n=62) at "), "%s", r.out);
	ck_assert_msg(strstr(r.out, "(More stack frames may follow: mvdb unwinds the 64 innermost.)"),
		      "%s", r.out);
	ck_assert_msg(strstr(r.err, "No frame 70 among the 64 innermost that mvdb unwinds (#0 to #63).") &&
		      strstr(r.err, "No frame 200 among"), "%s", r.err);
	ck_assert_int_eq(r.status, 0);
	run_free(&r);
}
END_TEST

/* A --exe pair reaching write through different functions: the frame
 * where they differ is shown per variant, marked, and named. */
START_TEST(bt_marks_the_differing_frame)
{
	static const char *const cmds[] = { "bt", NULL };
	static const char *const frames[] = {
		"#1  say (", "#2 *[0] 0x", " in middle (",
		"#2 *[1] 0x", " in middle_alt (", "#3  outer (times=1) at",
		"Frame #2 is the first where the variants differ", NULL,
	};
	struct run r;
	char *bt;

	at_write(&r, "bt_alt", "bt", cmds);
	bt = after(&r, "bt");
	ck_assert_msg(in_order(bt, frames), "%s", r.out);
	free(bt);
	run_free(&r);
}
END_TEST

/* C++ frames are demangled. */
START_TEST(bt_demangles_cxx)
{
	static const char *const cmds[] = { "bt", NULL };
	static const char *const frames[] = {
		"#1  shapes::Square::report (", ") at tests/tracees/cxx/bt.cc:",
		"#2  shapes::show<shapes::Square> (", "#3  main () at",
		NULL,
	};
	struct run r;
	char *bt;

	at_write(&r, NULL, "bt_cxx", cmds);
	bt = after(&r, "bt");
	ck_assert_msg(in_order(bt, frames), "%s", r.out);
	free(bt);
	run_free(&r);
}
END_TEST

/* x/3i $pc-2 at a system call shows the syscall instruction, marked, in
 * both variants; x/i goes on where it ended; call targets are named,
 * PLT stubs too. */
START_TEST(x_i_shows_the_syscall)
{
	static const char *const cmds[] = { "x/3i $pc-2", "x/i", "x/2i 0",
					    "up 3", "x/2i $pc-5", "down 2",
					    "x/i $pc-5", NULL };
	struct run r;
	char *three, *more;

	at_write(&r, NULL, "bt", cmds);
	three = after(&r, "x/3i $pc-2");
	more = after(&r, "x/i");
	ck_assert_msg(count_of(three, "=> 0x") == 2, "%s", r.out);
	ck_assert_msg(count_of(three, ">:   syscall\n") == 2 ||
		      count_of(three, ":   syscall\n") == 2, "%s", three);
	ck_assert_msg(in_order(three, (const char *const[]){
			"variant 0:\n=> ", "syscall", "\n   0x", "\n   0x",
			"variant 1:\n=> ", "syscall", NULL }), "%s", three);
	ck_assert_int_eq(count_of(more, "\n   0x"), 2);
	ck_assert_msg(strstr(r.err, "cannot access memory at 0"), "%s", r.err);
	/* In outer's frame: the call that made it, its target named, and
	 * the return address marked as the frame's pc. */
	free(more);
	more = after(&r, "x/2i $pc-5");
	ck_assert_msg(count_of(more, ">:   call 0x") == 2 &&
		      count_of(more, " <middle>\n") == 2 &&
		      count_of(more, "=> 0x") == 2 &&
		      count_of(more, " <outer+") == 4, "%s", more);
	/* In say's frame: its call through the PLT, named as objdump and
	 * gdb name the stub. */
	free(more);
	more = after(&r, "x/i $pc-5");
	ck_assert_msg(count_of(more, ">:   call 0x") == 2 &&
		      count_of(more, " <write@plt>\n") == 2, "%s", more);
	free(three);
	free(more);
	run_free(&r);
}
END_TEST

/* frame and up select a frame in every variant: $pc, info symbol,
 * info registers and x follow it; registers the ABI does not keep are
 * not guessed. */
START_TEST(frames_select_registers)
{
	static const char *const cmds[] = {
		"info symbol $pc", "frame 1", "p $pc", "up",
		"x/xg $rax", "info registers rip", "frame 9", "info frame",
	};
	struct run r;
	char *sym0, *rip, *frame;

	at_write(&r, NULL, "bt", (const char *const[]){
		cmds[0], cmds[1], cmds[2], cmds[3], cmds[4], cmds[5], cmds[6],
		cmds[7], NULL });
	sym0 = after(&r, "info symbol $pc");
	ck_assert_msg(strstr(sym0, "write") && strstr(sym0, "libc.so"), "%s",
		      r.out);
	/* After frame 1, $pc is in say, in both variants. */
	ck_assert_msg(count_of(r.out, " <say+") == 2 &&
		      strstr(r.out, "[1] $1 = (void *) 0x"), "%s", r.out);
	ck_assert_msg(strstr(r.out, "(mvdb) up\n#2  middle ("), "%s", r.out);
	ck_assert_msg(strstr(r.err, "$rax: not saved in frame 2 of variant 0"),
		      "%s", r.err);
	rip = after(&r, "info registers rip");
	ck_assert_msg(strstr(rip, "Register (frame 2)") &&
		      count_of(rip, " <middle+") == 2, "%s", rip);
	ck_assert_msg(strstr(r.err, "No frame 9: the deepest stack has"),
		      "%s", r.err);
	frame = after(&r, "info frame");
	ck_assert_msg(strstr(frame, "variant 0: stack level 2, frame at 0x") &&
		      strstr(frame, "variant 1: stack level 2") &&
		      strstr(frame, " in middle (") &&
		      strstr(frame, "saved rip = 0x"), "%s", frame);
	free(sym0);
	free(rip);
	free(frame);
	run_free(&r);
}
END_TEST

/* Code addresses are symbolised where they are shown: info syscall,
 * x/a; info sharedlibrary lists the loader's work per variant. */
START_TEST(addresses_are_symbolised)
{
	static const char *const cmds[] = {
		"info syscall", "up", "x/4a $sp", "info sharedlibrary",
		"info proc mappings 1", NULL,
	};
	struct run r;
	char *call, *xa, *libs, *maps;

	at_write(&r, NULL, "bt", cmds);
	call = after(&r, "info syscall");
	xa = after(&r, "x/4a $sp");
	libs = after(&r, "info sharedlibrary");
	maps = after(&r, "info proc mappings 1");
	ck_assert_msg(count_of(call, "at ip 0x") == 2 &&
		      count_of(call, "> in libc.so.6, sp 0x") == 2, "%s", call);
	ck_assert_msg(count_of(xa, " <middle+") == 2, "%s", xa);
	ck_assert_msg(in_order(libs, (const char *const[]){
			"Object", "variant 0", "variant 1", "libc.so.6", "0x",
			"-0x", "0x", "-0x", NULL }), "%s", libs);
	ck_assert_msg(strstr(libs, "ld-linux-x86-64.so.2") &&
		      strstr(libs, "tracees/bt "), "%s", libs);
	ck_assert_msg(strstr(maps, "variant 1 (pid ") && strstr(maps, "[stack]") &&
		      !strstr(maps, "variant 0 (pid "), "%s", maps);
	free(call);
	free(xa);
	free(libs);
	free(maps);
	run_free(&r);
}
END_TEST

/* A divergence report carries each variant's stack, in text and JSON. */
START_TEST(reports_carry_stacks)
{
	char *dir = temp_dir(), report[512], *json;
	struct run r;

	snprintf(report, sizeof(report), "--report=%s/r.json", dir);
	run_mvdb(&r, "--batch", report, "--", tracee("stackaddr"), NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(in_order(r.err, (const char *const[]){
			"variant 0's stack:\n    #0  0x", "variant 1's stack:\n    #0  0x",
			"last steps:", NULL }), "%s", r.err);
	snprintf(report, sizeof(report), "%s/r.json", dir);
	json = slurp(report, NULL);
	ck_assert_ptr_nonnull(json);
	ck_assert_msg(count_of(json, "\"stack\": [{\"pc\": \"0x") == 2 &&
		      strstr(json, "\"function\": \"") &&
		      strstr(json, "libc.so.6\""), "%s", json);
	free(json);
	run_free(&r);
	rm_rf(dir);
	free(dir);
}
END_TEST

/* break ... in FUNCTION stops only where FUNCTION is on a variant's
 * stack, and says in which variants it is. */
START_TEST(break_in_a_function)
{
	struct run r;
	char *exe = NULL;

	exe = strdup(tracee("bt_alt"));
	{
		char opt[600];

		snprintf(opt, sizeof(opt), "--exe=1:%s", exe);
		run_mvdb(&r, "--batch", "-n", "2", opt,
			 "-e", "break syscall write in middle_alt",
			 "-e", "break syscall write,exit_group in nosuch*",
			 "-e", "continue", "-e", "continue", "--", tracee("bt"),
			 NULL);
	}
	ck_assert_msg(strstr(r.out, "Breakpoint 2: syscall write in middle_alt.") &&
		      strstr(r.out, "Breakpoint 2, syscall write, at step ") &&
		      strstr(r.out, " (middle_alt on the stack of variant 1).") &&
		      !strstr(r.out, "Breakpoint 3,") &&
		      strstr(r.out, "The program exited with status 0"),
		      "%s", r.out);
	run_free(&r);
	run_mvdb(&r, "--batch", "-n", "2",
		 "-e", "break syscall write in outer if $arg0 == 1",
		 "-e", "continue", "--", tracee("bt"), NULL);
	ck_assert_msg(strstr(r.out, " (outer on the stack of every variant; condition true in every variant)."),
		      "%s", r.out);
	run_free(&r);
	/* a batch script's bad `in` is refused before the program starts */
	run_mvdb(&r, "--batch", "-n", "2", "-e", "break syscall openat in", "--",
		 tracee("bt"), NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_msg(strstr(r.err, "\"in\" needs a function") &&
		      !strstr(r.out, "Started"), "%s", r.err);
	run_free(&r);
	free(exe);
}
END_TEST

/* prog (in dir) run to its first write, where bt 1 names frame 0
 * without blocking mvdb. */
static void bt_does_not_block(const char *dir, const char *prog)
{
	char *const argv[] = { (char *)mvdb_path(), "--batch", "-n", "2",
			       "-e", "break syscall write", "-e", "continue",
			       "-e", "bt 1", "--", (char *)prog, NULL };
	struct run r;

	run_argv(&r, dir, NULL, 30, argv);
	ck_assert_msg(!r.timedout, "mvdb blocked: %s", r.out);
	ck_assert_int_eq(r.status, 0);
	ck_assert_msg(strstr(r.out, "(mvdb) bt 1\n#0  "), "%s", r.out);
	run_free(&r);
}

/* A debug link the program points at a FIFO beside its binary: bt must
 * not open it (the monitor would block there for ever); debug
 * information is looked for only in the system's directory. */
START_TEST(a_debug_link_to_a_fifo_is_not_followed)
{
	char *dir = temp_dir(), *cmd = xasprintf("cp %s %s/ && mkfifo %s/dbglink.debug",
						tracee("dbglink"), dir, dir);

	ck_assert_int_eq(system(cmd), 0);
	bt_does_not_block(dir, "./dbglink");
	rm_rf(dir);
	free(dir);
	free(cmd);
}
END_TEST

/* The same through a debug link that climbs out of the system's debug
 * directory ("../../.../DIR/evil"): it is not followed either. */
START_TEST(a_debug_link_that_climbs_is_not_followed)
{
	char *dir = temp_dir(), *sec = xasprintf("%s/sec", dir);
	char *cmd = xasprintf("cp %s %s/ && mkfifo %s/evil && cd %s && "
			      "objcopy --update-section .gnu_debuglink=sec dbglink climb",
			      tracee("dbglink"), dir, dir, dir);
	char name[1024] = "";
	size_t len;
	FILE *f = fopen(sec, "w");

	for (int i = 0; i < 20; i++)
		strcat(name, "../");
	strcat(name, dir + 1);
	strcat(name, "/evil");
	len = strlen(name) + 1;
	len += (4 - len % 4) % 4;	/* the name, NUL-padded to 4, a CRC */
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(name, 1, len, f), len);
	ck_assert_uint_eq(fwrite("\1\2\3\4", 1, 4, f), 4);
	fclose(f);
	ck_assert_int_eq(system(cmd), 0);
	bt_does_not_block(dir, "./climb");
	rm_rf(dir);
	free(dir);
	free(sec);
	free(cmd);
}
END_TEST

/* A file the program maps as data (an ELF object here, as an input
 * could be) is not parsed as one of its objects: only files mapped
 * executable are; the data mapping is not among the shared libraries. */
START_TEST(data_mappings_are_not_parsed)
{
	struct run r;

	run_mvdb(&r, "--batch", "-e", "break syscall write", "-e", "continue",
		 "-e", "info sharedlibrary", "--", tracee("mapdata"), NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_msg(strstr(r.out, "/mapdata ") && strstr(r.out, "/libc.so.6 ") &&
		      !strstr(r.out, "/true "), "%s", r.out);
	run_free(&r);
}
END_TEST

Suite *stack_suite(void)
{
	Suite *s = suite_create("stack");
	TCase *t = tcase_create("on tracees");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, bt_names_every_frame);
	tcase_add_test(t, a_deep_stack_says_where_it_stops);
	tcase_add_test(t, bt_marks_the_differing_frame);
	tcase_add_test(t, bt_demangles_cxx);
	tcase_add_test(t, x_i_shows_the_syscall);
	tcase_add_test(t, frames_select_registers);
	tcase_add_test(t, addresses_are_symbolised);
	tcase_add_test(t, reports_carry_stacks);
	tcase_add_test(t, break_in_a_function);
	tcase_add_test(t, a_debug_link_to_a_fifo_is_not_followed);
	tcase_add_test(t, a_debug_link_that_climbs_is_not_followed);
	tcase_add_test(t, data_mappings_are_not_parsed);
	suite_add_tcase(s, t);
	return s;
}
