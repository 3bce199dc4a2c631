/* What the C library asks netlink (AF_NETLINK) for: getaddrinfo with
 * AI_ADDRCONFIG (the host's addresses, RTM_GETADDR), if_nametoindex and
 * if_nameindex (its links).  Run in a network namespace of its own, the
 * loopback is the only link. */
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

int main(void)
{
	struct addrinfo hints = { .ai_flags = AI_ADDRCONFIG,
				  .ai_socktype = SOCK_STREAM }, *res;
	struct if_nameindex *links;
	int e = getaddrinfo("localhost", "80", &hints, &res);

	if (e) {
		printf("getaddrinfo: %s\n", gai_strerror(e));
	} else {
		for (struct addrinfo *r = res; r; r = r->ai_next) {
			char host[64];

			getnameinfo(r->ai_addr, r->ai_addrlen, host, sizeof(host),
				    NULL, 0, NI_NUMERICHOST);
			printf("localhost: %s %s\n",
			       r->ai_family == AF_INET6 ? "inet6" : "inet", host);
		}
		freeaddrinfo(res);
	}
	printf("if_nametoindex(lo): %u\n", if_nametoindex("lo"));
	printf("if_nametoindex(nothing0): %u\n", if_nametoindex("nothing0"));
	links = if_nameindex();
	for (struct if_nameindex *l = links; l && l->if_index; l++)
		printf("link %u: %s\n", l->if_index, l->if_name);
	if_freenameindex(links);
	return 0;
}
