/* SO_PEERCRED on Unix sockets: a socketpair's end, a listening socket,
 * a forked child's connection and the connection its parent accepted,
 * a child's socketpair; then credentials the kernel attaches to a
 * writev (SO_PASSCRED at the receiver).  Each pid is compared with the
 * process it should be, never printed (it varies from run to run). */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void peer(int fd, const char *what, pid_t want)
{
	struct ucred c;
	socklen_t l = sizeof(c);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &l)) {
		perror(what);
		return;
	}
	printf("%s: peer is %s, uid %u, gid %u\n", what,
	       c.pid == want ? "the process expected" : "another process",
	       (unsigned)c.uid, (unsigned)c.gid);
	fflush(stdout);
}

/* An abstract name of this run's own. */
static socklen_t name_of(struct sockaddr_un *a, pid_t pid)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			   (size_t)snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1,
					    "mvdb-peercred-%d", (int)pid));
}

/* The child: connects, says whose its peer is, then lets the parent on. */
static int client(pid_t parent)
{
	struct sockaddr_un a;
	socklen_t al = name_of(&a, parent);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	char c;

	if (fd < 0 || connect(fd, (struct sockaddr *)&a, al))
		return 1;
	peer(fd, "the child's connection", parent);
	if (write(fd, "x", 1) != 1 || read(fd, &c, 1) != 0)
		return 1;
	return 0;
}

/* A child's socketpair, and a writev from it to a receiver that asked
 * for credentials. */
static void pair_in_child(void)
{
	char data[16] = "";
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} u;
	struct iovec in = { data, sizeof(data) - 1 };
	struct msghdr m = { .msg_iov = &in, .msg_iovlen = 1,
			    .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct iovec out[2] = { { "wri", 3 }, { "tev", 3 } };
	struct cmsghdr *h;
	struct ucred c;
	int sv[2], one = 1;
	pid_t child = fork();

	if (child) {
		waitpid(child, NULL, 0);
		return;
	}
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) ||
	    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)))
		_exit(1);
	peer(sv[1], "a child's socketpair", getpid());
	if (writev(sv[0], out, 2) != 6 || recvmsg(sv[1], &m, 0) != 6 ||
	    !(h = CMSG_FIRSTHDR(&m)) || h->cmsg_type != SCM_CREDENTIALS)
		_exit(1);
	memcpy(&c, CMSG_DATA(h), sizeof(c));
	printf("%s: credentials are %s, uid %u, gid %u\n", data,
	       c.pid == getpid() ? "the sender's" : "another's",
	       (unsigned)c.uid, (unsigned)c.gid);
	fflush(stdout);
	_exit(0);
}

int main(void)
{
	struct sockaddr_un a;
	socklen_t al = name_of(&a, getpid());
	int sv[2], l = socket(AF_UNIX, SOCK_STREAM, 0), conn;
	pid_t child;
	char c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	peer(sv[0], "a socketpair", getpid());
	if (l < 0 || bind(l, (struct sockaddr *)&a, al) || listen(l, 4))
		return 1;
	peer(l, "the listening socket", getpid());
	child = fork();
	if (child == 0)
		return client(getppid());
	conn = accept(l, NULL, NULL);
	if (conn < 0 || read(conn, &c, 1) != 1)
		return 1;
	peer(conn, "the accepted connection", child);
	close(conn);
	waitpid(child, NULL, 0);
	pair_in_child();
	return 0;
}
