/* A platform socket described as strace -yy describes one: its kind and
 * addresses, TCP:[127.0.0.1:8080->127.0.0.1:51234], UDP:[...],
 * UNIX:[path or @abstract], NETLINK:[ROUTE].  Asked of the monitor's
 * own descriptor (getsockname, getpeername), never of variant memory. */
#ifndef MVDB_SOCKDESC_H
#define MVDB_SOCKDESC_H

#include <stdbool.h>
#include <stddef.h>

struct session;

/* Describes the monitor's descriptor realfd into buf (size bytes) when
 * it is a socket; false (buf untouched) when it is not one. */
bool sockdesc_describe(const struct session *s, int realfd, char *buf,
		       size_t size);

#endif
