/* Network programs under lockstep, differentially (differential.c's
 * runner): each case runs natively and under mvdb --batch -n 2 and -n 3
 * and must print the same, end the same and leave the same files.
 * Sockets of every family a program uses on one host, the message
 * calls with their structs rebuilt, and event loops serving several
 * clients.  Cases that send ICMP, or want no one else's packets, run in
 * a network namespace of their own. */
#include "differential.h"
#include "suites.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <libiberty.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Skips a case, natively and under mvdb alike, where tool is missing. */
#define HAVE(tool) "command -v " tool " >/dev/null || exit 0; "

static const struct pcase cases[] = {
	{ "TCP over 127.0.0.1: a forked client, half-closed",
	  "$T/net_inet tcp4" },
	{ "TCP over ::1", "$T/net_inet tcp6" },
	{ "UDP over 127.0.0.1", "$T/net_inet udp4" },
	{ "UDP over ::1", "$T/net_inet udp6" },
	{ "AF_UNIX stream, a relative name in the program's directory",
	  "$T/net_unix stream path" },
	{ "AF_UNIX stream, an abstract name", "$T/net_unix stream abstract" },
	{ "AF_UNIX datagrams, relative names, the sender's name given back",
	  "$T/net_unix dgram path" },
	{ "AF_UNIX datagrams, abstract names", "$T/net_unix dgram abstract" },
	{ "getaddrinfo and if_nametoindex ask netlink", "$T/net_netlink",
	  NULL, NULL, NULL, true },
	{ "SCM_RIGHTS between a parent and its child", "$T/net_rights", NULL,
	  "rights.txt" },
	{ "sendmmsg and recvmmsg over Unix datagrams and UDP",
	  "$T/net_mmsg" },
	{ "SCM_CREDENTIALS sent and attached, from the program and a child",
	  "$T/net_cred" },
	{ "SO_PEERCRED of a socketpair, a listener and both ends of a "
	  "connection; a writev's attached credentials", "$T/net_peercred" },
	{ "an ICMP echo on a raw socket", "$T/net_icmp raw", NULL, NULL, NULL,
	  true },
	{ "an ICMP echo on a datagram socket (ping's)", "$T/net_icmp dgram",
	  NULL, NULL, NULL, true },
	{ "ping -c 2 127.0.0.1, its round-trip times masked",
	  "sh -c '" HAVE("ping") "ping -c 2 127.0.0.1 2>&1 | "
	  "sed \"s/time=[0-9.]* ms/time=T/; s/time [0-9]*ms/time T/; "
	  "/^rtt /d\"'", NULL, NULL, NULL, true },
	{ "getent hosts localhost", "sh -c '" HAVE("getent")
	  "getent hosts localhost'" },
	{ "a poll loop serving four clients", "$T/net_loop poll" },
	{ "an epoll loop serving four clients, data pointers per variant",
	  "$T/net_loop epoll" },
	{ "one socket in one epoll under three numbers, then closed",
	  "$T/net_epoll_dup" },
};

static struct difftable table = { cases, sizeof(cases) / sizeof(cases[0]) };

DIFF_TABLE_TESTS(table)

/* The trace names a socket's number as strace -yy does, with its
 * addresses: the listener by its name from bind on, an accepted one
 * and a connected one by both ends. */
START_TEST(trace_names_sockets_by_address)
{
	struct run r;

	run_mvdb(&r, "--batch", "--trace", "-n", "2", "--", tracee("net_inet"),
		 NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_msg(strstr(r.err, "listen(256<platform:TCP:[127.0.0.1:") &&
		      strstr(r.err, "]>, 4) = 0"), "%s", r.err);
	ck_assert_msg(count_of(r.err, "recvfrom(257<platform:TCP:[127.0.0.1:") >
			      0 &&
		      count_of(r.err, "->127.0.0.1:") > 0, "%s", r.err);
	ck_assert_msg(!strstr(r.err, "<platform:accept>") &&
		      !strstr(r.err, "<platform:socket>"), "%s", r.err);
	run_free(&r);
}
END_TEST

/* A sendmmsg whose second entry differs between variants (a stack
 * address) stops mvdb before the call: a native receiver gets nothing,
 * not even the entry that is alike everywhere. */
START_TEST(divergent_sendmmsg_sends_nothing)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int rx = socket(AF_INET, SOCK_DGRAM, 0);
	char port[16], buf[64];
	struct run r;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert(rx >= 0 && bind(rx, (struct sockaddr *)&a, al) == 0 &&
		  getsockname(rx, (struct sockaddr *)&a, &al) == 0);
	snprintf(port, sizeof(port), "%d", ntohs(a.sin_port));
	run_mvdb(&r, "--batch", "-n", "2", "--", tracee("net_mmsg"), "leak",
		 port, NULL);
	ck_assert_int_eq(r.status, 86);
	ck_assert_msg(strstr(r.err, "struct mmsghdr) differs in entry 1"), "%s",
		      r.err);
	ck_assert_str_eq(r.out, "");
	ck_assert_int_eq(recv(rx, buf, sizeof(buf), MSG_DONTWAIT), -1);
	ck_assert_int_eq(errno, EAGAIN);
	run_free(&r);
	close(rx);
}
END_TEST

/* A server whose variants would send different replies (another build
 * as the last variant, --exe) is stopped before its send: the native
 * client connected to it receives nothing but the end of the stream,
 * and mvdb reports the divergence.  Under -n 2 (_i 0) and -n 3. */
START_TEST(divergent_reply_reaches_no_client)
{
	int n = 2 + _i;
	char *dir = temp_dir(), *serve = xstrdup(tracee("net_serve"));
	char *cmd = xasprintf("cd '%s' || exit 1; { '%s' --batch -n %d --exe %d:'%s' "
			      "-- '%s' serve 2>err; echo $? >status; } & "
			      "'%s' client; wait", dir, mvdb_path(), n, n - 1,
			      tracee("net_serve_alt"), serve, serve);
	char *status = xasprintf("%s/status", dir);
	char *errs = xasprintf("%s/err", dir);
	char *st, *err;
	struct run r;

	run_sh(&r, cmd);
	st = slurp(status, NULL);
	err = slurp(errs, NULL);
	ck_assert_str_eq(r.out, "the client received 0 bytes\n");
	ck_assert_str_eq(st, "86\n");
	ck_assert_msg(strstr(err, "diverged") &&
		      strstr(err, "sendto(257<") && strstr(err, "\"reply B\\n\""),
		      "%s", err);
	run_free(&r);
	rm_rf(dir);
	free(st);
	free(err);
	free(status);
	free(errs);
	free(cmd);
	free(serve);
	free(dir);
}
END_TEST

/* net_unix stream abstract as the user nobody, in a fresh directory
 * nobody may write, natively (mvdb empty) or under mvdb -n 2. */
static void run_as_nobody(struct run *r, const char *mvdb)
{
	char *dir = temp_dir();
	char *cmd = xasprintf("cd '%s' && chmod 777 . && setpriv --reuid=65534 "
			      "--regid=65534 --clear-groups %s '%s' stream "
			      "abstract", dir, mvdb, tracee("net_unix"));

	run_sh(r, cmd);
	rm_rf(dir);
	free(cmd);
	free(dir);
}

/* An unprivileged monitor may not send credentials naming another
 * process (EPERM): what the program sends on a Unix socket goes with
 * the kernel's own then, and is sent as natively. */
START_TEST(unprivileged_unix_sends_go_through)
{
	char *mvdb = xasprintf("'%s' --batch -n 2 --", mvdb_path());
	struct run native, under;

	if (getuid() != 0 || system("command -v setpriv >/dev/null") != 0)
		return;	/* no other user to be */
	run_as_nobody(&native, "");
	run_as_nobody(&under, mvdb);
	ck_assert_int_eq(native.status, 0);
	ck_assert_str_eq(under.out, native.out);
	ck_assert_str_eq(under.err, native.err);
	ck_assert_int_eq(under.status, native.status);
	run_free(&native);
	run_free(&under);
	free(mvdb);
}
END_TEST

Suite *network_suite(void)
{
	Suite *s = suite_create("network");
	TCase *diff = tcase_create("differential");
	TCase *divergence = tcase_create("divergence");

	tcase_add_unchecked_fixture(diff, setup, teardown);
	tcase_set_timeout(diff, DIFF_TIMEOUT + 10);
	tcase_add_loop_test(diff, same_as_native, 0, (int)table.n * 2);
	suite_add_tcase(s, diff);
	tcase_set_timeout(divergence, DIFF_TIMEOUT + 10);
	tcase_add_test(divergence, divergent_sendmmsg_sends_nothing);
	tcase_add_loop_test(divergence, divergent_reply_reaches_no_client, 0, 2);
	tcase_add_test(divergence, unprivileged_unix_sends_go_through);
	tcase_add_test(divergence, trace_names_sockets_by_address);
	suite_add_tcase(s, divergence);
	return s;
}
