/* An ICMP echo to 127.0.0.1 as ping sends it: on a raw socket
 * (SOCK_RAW, IPPROTO_ICMP: the reply comes with its IP header, and the
 * request itself is seen too) or a datagram one (SOCK_DGRAM,
 * IPPROTO_ICMP: the kernel picks the identifier).  Two echoes, the
 * first reply read with recvmsg, the second with recvfrom; only what
 * does not vary from run to run is printed.
 * Usage: net_icmp raw|dgram */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char payload[] = "mvdb echo payload";

static unsigned short checksum(const void *data, size_t len)
{
	const unsigned char *b = data;
	unsigned long sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (unsigned)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (unsigned)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((unsigned short)~sum);
}

static void send_echo(int s, int seq, unsigned short id)
{
	unsigned char pkt[sizeof(struct icmphdr) + sizeof(payload)];
	struct icmphdr *h = (struct icmphdr *)pkt;
	struct sockaddr_in to = { .sin_family = AF_INET };

	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(pkt, 0, sizeof(pkt));
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(id);
	h->un.echo.sequence = htons((unsigned short)seq);
	memcpy(pkt + sizeof(*h), payload, sizeof(payload));
	h->checksum = checksum(pkt, sizeof(pkt));
	if (sendto(s, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) !=
	    (ssize_t)sizeof(pkt))
		perror("sendto");
}

/* Reads until the echo reply of seq (a raw socket sees other ICMP
 * too), by recvmsg or recvfrom; prints it. */
static void await_reply(int s, int seq, unsigned short id, bool raw, bool msg)
{
	unsigned char buf[512];
	struct sockaddr_in from;
	struct pollfd p = { s, POLLIN, 0 };

	while (poll(&p, 1, 5000) == 1) {
		socklen_t fl = sizeof(from);
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from),
				    .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = msg ? recvmsg(s, &m, 0) :
			    recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		size_t at = raw ? (size_t)(((struct iphdr *)buf)->ihl * 4) : 0;
		struct icmphdr *h = (struct icmphdr *)(buf + at);

		if (n < (ssize_t)(at + sizeof(*h)) || h->type != ICMP_ECHOREPLY ||
		    ntohs(h->un.echo.sequence) != seq ||
		    (raw && ntohs(h->un.echo.id) != id))
			continue;
		printf("%s: reply %d from %s, %zd bytes of ICMP, payload %s\n",
		       msg ? "recvmsg" : "recvfrom", seq, inet_ntoa(from.sin_addr),
		       n - (ssize_t)at,
		       memcmp(buf + at + sizeof(*h), payload, sizeof(payload)) == 0
		       ? "intact" : "changed");
		return;
	}
	printf("no reply %d\n", seq);
}

int main(int argc, char **argv)
{
	bool raw = argc < 2 || strcmp(argv[1], "dgram") != 0;
	int s = socket(AF_INET, raw ? SOCK_RAW : SOCK_DGRAM, IPPROTO_ICMP);
	unsigned short id = (unsigned short)getpid();

	if (s < 0) {
		perror("socket");
		return 1;
	}
	for (int seq = 1; seq <= 2; seq++) {
		send_echo(s, seq, id);
		await_reply(s, seq, id, raw, seq == 1);
	}
	return 0;
}
