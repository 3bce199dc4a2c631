/* sendmsg and recvmsg with whatever msg_flags held before, as nginx
 * leaves it on its channel (a stack variable, so it differs between
 * variants): the kernel reads no flags from a msghdr, recvmsg only
 * writes them.  Usage: srv_msgflags */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* Garbage that differs between variants: a stack address's low bits. */
static int garbage(void)
{
	int here;

	return (int)((uintptr_t)&here >> 4);
}

int main(void)
{
	char out[] = "through the channel", in[64] = "";
	struct iovec ov = { out, sizeof(out) }, iv = { in, sizeof(in) };
	struct msghdr m = { .msg_iov = &ov, .msg_iovlen = 1 };
	int ch[2];
	ssize_t n;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, ch))
		return 1;
	m.msg_flags = garbage();
	printf("sendmsg: %zd\n", sendmsg(ch[0], &m, 0));
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iv;
	m.msg_iovlen = 1;
	m.msg_flags = garbage();
	n = recvmsg(ch[1], &m, 0);
	printf("recvmsg: %zd \"%s\", msg_flags %#x\n", n, in, m.msg_flags);
	return 0;
}
