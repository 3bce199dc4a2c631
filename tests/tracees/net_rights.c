/* SCM_RIGHTS between a parent and its forked child over a Unix stream
 * socketpair: the child passes a file it opened read-only (its own
 * descriptor) and the write end of a pipe it made; the parent reads
 * the file through what it got and writes into the pipe, which the
 * child reads back. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void pass(int sock, int a, int b)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte = 'x';
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(2 * sizeof(int));
	memcpy(CMSG_DATA(h), (int[2]){ a, b }, 2 * sizeof(int));
	if (sendmsg(sock, &m, 0) != 1)
		perror("sendmsg");
}

static int take(int sock, int fds[2])
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
	struct cmsghdr *h;

	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1 || !(h = CMSG_FIRSTHDR(&m)) ||
	    h->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(fds, CMSG_DATA(h), 2 * sizeof(int));
	return 0;
}

int main(void)
{
	int sv[2], fds[2], status;
	char buf[64] = "";
	ssize_t n;
	pid_t pid;
	FILE *f = fopen("rights.txt", "w");

	if (!f || fputs("a line of the file\n", f) < 0 || fclose(f) ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int file = open("rights.txt", O_RDONLY), p[2];

		if (file < 0 || pipe(p))
			return 1;
		pass(sv[1], file, p[1]);
		close(file);
		close(p[1]);
		n = read(p[0], buf, sizeof(buf) - 1);
		printf("child read from its pipe: %.*s", (int)(n > 0 ? n : 0), buf);
		return 0;
	}
	if (take(sv[0], fds)) {
		printf("nothing received\n");
		return 1;
	}
	n = read(fds[0], buf, sizeof(buf) - 1);
	printf("parent read the child's file: %.*s", (int)(n > 0 ? n : 0), buf);
	printf("close-on-exec: %s\n", fcntl(fds[1], F_GETFD) & FD_CLOEXEC ? "yes" : "no");
	/* printed before the child can print what it reads */
	fflush(stdout);
	if (write(fds[1], "from the parent\n", 16) != 16)
		perror("write");
	close(fds[1]);
	waitpid(pid, &status, 0);
	printf("child ended with %d\n", WEXITSTATUS(status));
	return 0;
}
