/* Inside the renderer: the appender format.c and format_structs.c share. */
#ifndef MVDB_FORMAT_INT_H
#define MVDB_FORMAT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "syscall.h"

/* A bounded appender: keeps buf NUL-terminated, counts everything. */
struct out {
	char *buf;	/* destination */
	size_t size;	/* its size */
	size_t at;	/* characters produced so far */
};

void outf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Bytes as a C string literal, as strace quotes them: at most max of
 * them, "..." after the quote when cut; hex, every byte \xNN, where
 * strace forces it (random bytes). */
void put_bytes(struct out *o, const unsigned char *p, size_t len, size_t max,
	       bool cut, bool hex);
/* A file mode as strace's symbolic one: "S_IFREG|S_ISUID|0755". */
void put_symbolic_mode(struct out *o, unsigned mode);
/* Struct id held in data (len bytes), as strace shows it abbreviated;
 * false when mvdb does not show this struct (or too few bytes). */
bool put_struct(struct out *o, enum structid id, const unsigned char *data,
		size_t len, size_t strsize);
/* A socket address of len bytes; false for families not shown. */
bool put_sockaddr(struct out *o, const unsigned char *data, size_t len);
/* An output buffer of show (enum bufshow), len bytes of it held. */
void put_buffer(struct out *o, unsigned show, unsigned long addr,
		const unsigned char *data, size_t len, bool cut,
		size_t strsize);

#endif
