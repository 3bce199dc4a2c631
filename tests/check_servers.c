/* Real servers and clients over loopback, differentially
 * (differential.c's runner): a server runs natively or under mvdb
 * --batch -n 2 and -n 3, its clients natively beside it (srv_client,
 * curl), or the reverse; each run chooses its own free port, waits
 * without sleeping and ends by itself (the server after its clients
 * leave, or on the SIGTERM its client sends when it is done).  What the
 * clients found, the server's logs, stdout, stderr and status must be
 * the native run's.  A case whose tools are missing ends at once, with
 * nothing said, natively and under mvdb alike. */
#include "differential.h"
#include "suites.h"

#include <check.h>
#include <libiberty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HAVE(tool) "command -v " tool " >/dev/null || exit 0; "
/* python3 itself, as $PY: not a wrapper script (pyenv's shims are bash
 * scripts, slow to start under mvdb) */
#define PY HAVE("python3") \
	"PY=$(python3 -c 'import sys; print(sys.executable)'); export PY; "
#define NGINX "/usr/sbin/nginx"

/* nginx's configuration: everything in the run's directory, a master
 * and two workers, in the foreground; %s: user, group, port.  (Both
 * workers exit at once on SIGTERM: the master, in sigsuspend, must
 * learn of both, tests/tracees/sig_chld_pair.c.) */
#define NGINX_CONF                                                      \
	"user %s %s;\\ndaemon off;\\nmaster_process on;\\n"             \
	"worker_processes 2;\\npid nginx.pid;\\nerror_log error.log;\\n" \
	"events { worker_connections 64; }\\nhttp { access_log access.log; " \
	"client_body_temp_path tmp; proxy_temp_path tmp; "              \
	"fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp; " \
	"server { listen 127.0.0.1:%s; root www; } }\\n"

/* Its error log in the run's directory from the start, where nginx
 * can be told so (-e, since 1.19.5; Ubuntu 22.04 has 1.18). */
#define NGINX_E "E=; " NGINX " -h 2>&1 | grep -q -- ' -e ' && E='-e error.log'; "

static const struct pcase cases[] = {
	{ "an epoll echo server, 4 native clients of 200 lines each",
	  "$T/srv_echo 4", NULL, "server.log client.txt", .beside =
	  "p=$($T/srv_client port port) && "
	  "$T/srv_client echo $p 4 200 > client.txt" },
	{ "python3 -m http.server serving a native curl 20 times",
	  "sh -c 'exec \"$PY\" -u -m http.server 0 --bind 127.0.0.1 "
	  ">srv.out 2>srv.err'",
	  PY HAVE("curl") "mkdir www && seq 3000 > www/f.txt",
	  "got.txt", .beside =
	  "p=$($T/srv_client port srv.out) && "
	  "for i in $(seq 19); do curl -sS -o got.$i "
	  "http://127.0.0.1:$p/www/f.txt && cmp got.$i www/f.txt && "
	  "echo same; done | uniq -c > got.txt; "
	  "curl -sS http://127.0.0.1:$p/www/ | cksum >> got.txt; "
	  "kill -TERM $$" },
	{ "curl and python3's urllib fetching from a native http.server",
	  "sh -c 'for i in 1 2 3 4 5; do curl -sS "
	  "http://127.0.0.1:$p/www/f.txt | cksum; done; "
	  "curl -sS http://127.0.0.1:$p/www/ | cksum; "
	  "\"$PY\" -c \"import sys, zlib, urllib.request as u; "
	  "b = [u.urlopen(sys.argv[1]).read() for i in range(5)]; "
	  "print(len(b), len(set(b)), zlib.crc32(b[0]))\" "
	  "http://127.0.0.1:$p/www/f.txt'",
	  PY HAVE("curl") "mkdir www && seq 3000 > www/f.txt && "
	  "( \"$PY\" -u -m http.server 0 --bind 127.0.0.1 >srv.out 2>srv.err "
	  "& ) && p=$($T/srv_client port srv.out) && export p" },
	{ "nginx, a master and two workers, a static file fetched 500 "
	  "times by a native client, 4 at once",
	  NGINX " -p \"$PWD/\" -c nginx.conf $E",
	  "[ -x " NGINX " ] || exit 0; mkdir www tmp && " NGINX_E
	  "seq 20000 > www/f.txt && p=$($T/srv_client free) && "
	  "printf '" NGINX_CONF "' $(id -un) $(id -gn) $p > nginx.conf",
	  "got.txt", .beside =
	  "$T/srv_client port nginx.pid >/dev/null && "
	  "$T/srv_client http $p /f.txt www/f.txt 500 4 > got.txt; "
	  "wc -l < access.log >> got.txt; kill -TERM $$" },
	/* what kept nginx from working, each alone */
	{ "FIOASYNC and F_SETOWN on a socketpair, as nginx's master sets "
	  "them on each worker's channel", "$T/srv_async" },
	{ "sendmsg and recvmsg with garbage in msg_flags, as nginx's "
	  "channel has it", "$T/srv_msgflags" },
};

/* Few at once, and time to spare on a loaded machine: a stall is told
 * apart from slowness by the clients, which give up after 10 s without
 * an answer and say how far they got. */
static struct difftable table = {
	cases, sizeof(cases) / sizeof(cases[0]), .jobs = 3, .timeout = 60,
};

DIFF_TABLE_TESTS(table)

/* What the clients of a native run must have found: runs that agree
 * with a native run that failed would prove nothing. */
static const struct {
	size_t c;		/* the case */
	const char *tool;	/* skipped where this is missing */
	const char *file;	/* a file the run leaves */
	const char *text;	/* that it holds */
} found[] = {
	{ 0, "true", "client.txt",
	  "4 connections, 200 lines each: 0 echoes differed\n" },
	{ 0, "true", "server.log", "served 4 clients, 13960 bytes\n" },
	{ 1, "python3 && command -v curl", "got.txt", "     19 same\n" },
	{ 3, NGINX, "got.txt",
	  "500 requests, 4 at once: 500 bodies the file's, 0 not\n500\n" },
};

static bool have(const char *tool)
{
	char *cmd = xasprintf("{ command -v %s; } >/dev/null 2>&1", tool);
	bool yes = system(cmd) == 0;

	free(cmd);
	return yes;
}

START_TEST(native_clients_served)
{
	char *text;

	if (!have(found[_i].tool))
		return;
	text = diff_file(&table, found[_i].c, 0, found[_i].file);
	ck_assert_msg(text && strstr(text, found[_i].text),
		      "%s: %s holds \"%s\", not \"%s\"",
		      cases[found[_i].c].name, found[_i].file,
		      text ? text : "(missing)", found[_i].text);
	free(text);
}
END_TEST

Suite *servers_suite(void)
{
	Suite *s = suite_create("servers");
	TCase *diff = tcase_create("differential");

	tcase_add_unchecked_fixture(diff, setup, teardown);
	tcase_set_timeout(diff, DIFF_TIMEOUT + 10);
	tcase_add_loop_test(diff, same_as_native, 0, (int)table.n * 2);
	tcase_add_loop_test(diff, native_clients_served, 0,
			    (int)(sizeof(found) / sizeof(found[0])));
	suite_add_tcase(s, diff);
	return s;
}
