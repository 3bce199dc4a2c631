/* sendmmsg and recvmmsg: three datagrams of two pieces each sent in one
 * call over a Unix datagram socketpair and over UDP on 127.0.0.1 (each
 * entry naming its destination), received in one call (recvmmsg with
 * room for four, the last too short for its datagram: MSG_TRUNC), with
 * each entry's length, sender and flags; then the edge cases: no
 * entries, more entries than the kernel takes at once.
 * net_mmsg leak PORT sends two datagrams to 127.0.0.1:PORT in one
 * sendmmsg, the second holding an address of its stack: variants under
 * address randomisation would send different bytes. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { N = 3 };

static void send_three(int fd, struct sockaddr_in *to)
{
	static char head[N][8] = { "first:", "second:", "third:" };
	static char body[] = "payload";
	struct iovec iov[N][2];
	struct mmsghdr mm[N];

	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < N; i++) {
		iov[i][0] = (struct iovec){ head[i], strlen(head[i]) };
		iov[i][1] = (struct iovec){ body, sizeof(body) - 1 };
		mm[i].msg_hdr.msg_iov = iov[i];
		mm[i].msg_hdr.msg_iovlen = 2;
		mm[i].msg_hdr.msg_name = to;
		mm[i].msg_hdr.msg_namelen = to ? sizeof(*to) : 0;
	}
	printf("sendmmsg: %d;", sendmmsg(fd, mm, N, 0));
	for (int i = 0; i < N; i++)
		printf(" %u", mm[i].msg_len);
	printf("\n");
}

static void receive(int fd, const struct sockaddr_in *from)
{
	char buf[N + 1][32];
	struct iovec iov[N + 1];
	struct sockaddr_in name[N + 1];
	struct mmsghdr mm[N + 1];
	struct pollfd p = { fd, POLLIN, 0 };
	int n;

	memset(mm, 0, sizeof(mm));
	memset(buf, 0, sizeof(buf));
	for (int i = 0; i <= N; i++) {
		/* the second entry's room is short */
		iov[i] = (struct iovec){ buf[i], i == 1 ? 5 : sizeof(buf[i]) - 1 };
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &name[i];
		mm[i].msg_hdr.msg_namelen = sizeof(name[i]);
	}
	poll(&p, 1, 5000);
	n = recvmmsg(fd, mm, N + 1, MSG_DONTWAIT, NULL);
	printf("recvmmsg: %d\n", n);
	for (int i = 0; i < n; i++)
		printf("  %u bytes \"%s\"%s, sender %s\n", mm[i].msg_len, buf[i],
		       mm[i].msg_hdr.msg_flags & MSG_TRUNC ? " (truncated)" : "",
		       !from ? (mm[i].msg_hdr.msg_namelen ? "named" : "unnamed") :
		       mm[i].msg_hdr.msg_namelen == sizeof(*from) &&
		       name[i].sin_port == from->sin_port ? "the sender" : "other");
}

/* Two entries: one alike everywhere, one with a stack address. */
static int leak(int port)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in to = { .sin_family = AF_INET,
				  .sin_port = htons((unsigned short)port) };
	char same[] = "alike", addr[32];
	struct iovec iov[2] = { { same, sizeof(same) - 1 }, { addr, 0 } };
	struct mmsghdr mm[2];

	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	iov[1].iov_len = (size_t)snprintf(addr, sizeof(addr), "%p", (void *)&s);
	memset(mm, 0, sizeof(mm));
	for (int i = 0; i < 2; i++) {
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &to;
		mm[i].msg_hdr.msg_namelen = sizeof(to);
	}
	printf("sendmmsg: %d\n", sendmmsg(s, mm, 2, 0));
	return 0;
}

int main(int argc, char **argv)
{
	int sv[2], rx = socket(AF_INET, SOCK_DGRAM, 0),
	    tx = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET }, b = a;
	socklen_t al = sizeof(a), bl = sizeof(b);
	static struct mmsghdr many[1100];
	static char one[1100];
	static struct iovec iov[1100];

	if (argc > 2 && strcmp(argv[1], "leak") == 0)
		return leak(atoi(argv[2]));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 1;
	send_three(sv[0], NULL);
	receive(sv[1], NULL);

	a.sin_addr.s_addr = b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(rx, (struct sockaddr *)&a, al) || bind(tx, (struct sockaddr *)&b, bl) ||
	    getsockname(rx, (struct sockaddr *)&a, &al) ||
	    getsockname(tx, (struct sockaddr *)&b, &bl))
		return 1;
	send_three(tx, &a);
	receive(rx, &b);

	printf("no entries: %d\n", sendmmsg(sv[0], many, 0, 0));
	for (int i = 0; i < 1100; i++) {
		iov[i] = (struct iovec){ &one[i], 1 };
		many[i].msg_hdr.msg_iov = &iov[i];
		many[i].msg_hdr.msg_iovlen = 1;
	}
	/* the kernel takes at most UIO_MAXIOV (1024) at once; mvdb may take
	 * fewer, as the call allows: what counts is that all arrive */
	{
		int sent = 0, got = 0, r;

		/* the queue holds fewer: sent and drained by turns */
		while (sent < 1100) {
			r = sendmmsg(sv[0], many + sent, 1100 - sent, MSG_DONTWAIT);
			if (r > 0)
				sent += r;
			while (got < sent && (r = recvmmsg(sv[1], many, 1100,
							   MSG_DONTWAIT, NULL)) > 0)
				got += r;
		}
		printf("1100 entries: %d sent, %d received\n", sent, got);
	}
	{
		int r = sendmmsg(-1, many, 1, 0);

		printf("bad fd: %d %s\n", r, strerror(errno));
	}
	return 0;
}
