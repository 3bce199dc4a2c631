/* Built twice: plain and with -DALT (as net_serve_alt), for a server
 * whose variants would send different replies (--exe).
 *   serve   listens on 127.0.0.1 (the port written to the file "port"),
 *           answers one request with "reply A\n" (plain) or "reply B\n"
 *           (ALT)
 *   client  waits (at most 20 s) for "port", sends a request and says
 *           how many bytes came back before the end of the stream
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef ALT
#define REPLY "reply B\n"
#else
#define REPLY "reply A\n"
#endif

static int serve(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t al = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0), c;
	char req[64];
	FILE *f;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&a, al) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &al) ||
	    !(f = fopen("port.new", "w")))
		return 1;
	fprintf(f, "%d\n", ntohs(a.sin_port));
	/* whole before the client can see it */
	if (fclose(f) || rename("port.new", "port"))
		return 1;
	c = accept(l, NULL, NULL);
	if (c < 0 || recv(c, req, sizeof(req), 0) <= 0)
		return 1;
	if (send(c, REPLY, strlen(REPLY), 0) < 0)
		return 1;
	close(c);
	return 0;
}

/* The server's port, once it has written it; 0 after 20 s. */
static int port_of_server(void)
{
	for (int i = 0; i < 2000; i++) {
		FILE *f = fopen("port", "r");
		int port = 0;

		if (f && fscanf(f, "%d", &port) == 1) {
			fclose(f);
			return port;
		}
		if (f)
			fclose(f);
		poll(NULL, 0, 10);
	}
	return 0;
}

static int client(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct pollfd p = { .events = POLLIN };
	size_t total = 0;
	char buf[64];
	ssize_t n;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((unsigned short)port_of_server());
	p.fd = socket(AF_INET, SOCK_STREAM, 0);
	if (!a.sin_port || p.fd < 0 ||
	    connect(p.fd, (struct sockaddr *)&a, sizeof(a)) ||
	    send(p.fd, "request\n", 8, 0) != 8)
		return 1;
	while (poll(&p, 1, 20000) == 1 &&
	       (n = recv(p.fd, buf, sizeof(buf), 0)) > 0)
		total += (size_t)n;
	printf("the client received %zu bytes\n", total);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "serve") == 0)
		return serve();
	if (argc > 1 && strcmp(argv[1], "client") == 0)
		return client();
	return 2;
}
