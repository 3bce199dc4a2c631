/* sendmsg and recvmsg over a socketpair, two iovec pieces each way and
 * no control data: the payload arrives intact and split as asked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	char a[] = "hello, ", b[] = "world\n", x[5] = "", y[32] = "";
	struct iovec out[2] = { { a, 7 }, { b, 6 } };
	struct iovec in[2] = { { x, 4 }, { y, sizeof(y) - 1 } };
	struct msghdr sm = { .msg_iov = out, .msg_iovlen = 2 };
	struct msghdr rm = { .msg_iov = in, .msg_iovlen = 2 };
	int sv[2];
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		return 2;
	n = sendmsg(sv[0], &sm, 0);
	if (n < 0)
		printf("sendmsg: %s\n", strerrorname_np(errno));
	else
		printf("sendmsg: %zd\n", n);
	n = recvmsg(sv[1], &rm, 0);
	if (n < 0) {
		printf("recvmsg: %s\n", strerrorname_np(errno));
		return 1;
	}
	printf("recvmsg: %zd, flags %d\n", n, rm.msg_flags);
	printf("first piece: \"%s\"\nsecond piece: \"%s\"\n", x, y);
	return 0;
}
