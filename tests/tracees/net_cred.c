/* SCM_CREDENTIALS over a Unix datagram socketpair whose receiving end
 * asked for them (SO_PASSCRED): sent explicitly (the sender's own ids)
 * or attached by the kernel (sendmsg without them, write, send), from
 * the program itself and from a forked child.  The receiver sees the sender's pid,
 * which is compared, never printed (it varies from run to run). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void send_one(int fd, const char *what, bool creds)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	struct ucred me = { getpid(), getuid(), getgid() };
	struct iovec iov = { (void *)what, strlen(what) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (creds) {
		struct cmsghdr *h;

		m.msg_control = u.buf;
		m.msg_controllen = sizeof(u.buf);
		h = CMSG_FIRSTHDR(&m);
		h->cmsg_level = SOL_SOCKET;
		h->cmsg_type = SCM_CREDENTIALS;
		h->cmsg_len = CMSG_LEN(sizeof(me));
		memcpy(CMSG_DATA(h), &me, sizeof(me));
	}
	if (sendmsg(fd, &m, 0) < 0)
		perror("sendmsg");
}

/* Receives one message and says whose credentials came with it. */
static void receive(int fd, pid_t sender)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	char data[32] = "";
	struct iovec iov = { data, sizeof(data) - 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *h;
	struct ucred c;

	if (recvmsg(fd, &m, 0) < 0 || !(h = CMSG_FIRSTHDR(&m)) ||
	    h->cmsg_type != SCM_CREDENTIALS) {
		printf("%s: no credentials\n", data);
		return;
	}
	memcpy(&c, CMSG_DATA(h), sizeof(c));
	printf("%s: pid is the sender's: %s, uid %u, gid %u\n", data,
	       c.pid == sender ? "yes" : "no", (unsigned)c.uid, (unsigned)c.gid);
}

int main(void)
{
	int sv[2], one = 1, status;
	pid_t child;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) ||
	    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)))
		return 1;
	send_one(sv[0], "explicit", true);
	receive(sv[1], getpid());
	send_one(sv[0], "attached", false);
	receive(sv[1], getpid());
	fflush(stdout);
	child = fork();
	if (child == 0) {
		send_one(sv[0], "child explicit", true);
		send_one(sv[0], "child attached", false);
		if (write(sv[0], "child write", 11) != 11 ||
		    send(sv[0], "child send", 10, 0) != 10)
			return 1;
		return 0;
	}
	waitpid(child, &status, 0);
	for (int i = 0; i < 4; i++)
		receive(sv[1], child);
	return 0;
}
