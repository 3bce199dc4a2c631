/* Reading the contents of a call's arguments from a variant's memory. */
#ifndef MVDB_ARGS_H
#define MVDB_ARGS_H

#include "session.h"

#define ARG_READ_MAX (16u << 20)	/* bytes of one buffer compared */
#define IOV_MAX_READ 1024		/* iovec entries read */

/* Reads every argument of c that has content (strings, input buffers,
 * input structs, iovecs, argv) from pid.  Read errors are kept in each
 * argval (err) rather than failing: a bad pointer is the program's. */
void args_fetch(pid_t pid, struct call *c);
/* After the call ran in the variant (c->done): reads what it wrote
 * (output buffers up to max bytes, output structs), for renderings. */
void args_fetch_outputs(pid_t pid, struct call *c, size_t max);
/* The length a call gives for argument i (0 when it has none): the
 * value of its length argument, or the socklen_t that argument points
 * to (getsockopt's value, accept's and recvfrom's address). */
unsigned long args_len(const struct call *c, int i);
/* Whether argument i's length is a socklen_t it points to, which the
 * kernel updates to what it filled. */
bool args_len_by_pointer(const struct call *c, int i);
/* O_CLOEXEC when a call that makes a descriptor asks for it to close
 * on exec (SOCK_CLOEXEC, EFD_CLOEXEC, EPOLL_CLOEXEC, TFD_CLOEXEC,
 * IN_CLOEXEC, accept4's and mq_open's: all O_CLOEXEC's bit, in its
 * last flags argument), else 0. */
int args_cloexec(const struct call *c);
/* What fcntl's third argument is for a command. */
enum fcntlarg {
	FCNTL_NOARG,	/* unused: whatever the register holds */
	FCNTL_INT,	/* an integer, compared by value */
	FCNTL_FLOCK,	/* a struct flock, compared by content */
	FCNTL_OTHER,	/* a pointer mvdb does not read */
};
enum fcntlarg args_fcntl_arg(int cmd);
/* True when argument i of c is fcntl's third, whose meaning the command
 * (argument i-1) gives. */
bool args_is_fcntl_arg(const struct call *c, int i);
/* semctl's command without the IPC_64 flag (0x100) glibc adds. */
#define SEMCTL_CMD(arg) ((int)(arg) & ~0x100)
/* True when argument i of c is semctl's fourth and its command (the
 * third) is SETVAL: a value, compared as an int, not an address. */
bool args_is_semctl_value(const struct call *c, int i);
/* True when argument i of c is an open's mode that its flags (argument
 * i-1) do not use, neither O_CREAT nor O_TMPFILE: the kernel ignores
 * it, and a caller may leave whatever a register held there. */
bool args_mode_unused(const struct call *c, int i);
/* len bytes at offset off of argument i's content into buf: from the
 * copy read for the comparison, so that what runs is what was compared
 * (another thread of the variant may change its memory meanwhile);
 * from pid's memory where no copy holds them (not read, or cut
 * short).  False on a bad address. */
bool args_content(pid_t pid, const struct call *c, int i, size_t off,
		  void *buf, size_t len);
/* Whether argument i of c is ioctl's third, read by its request. */
bool args_is_ioctl_arg(const struct call *c, int i);

#define MSG_NAME_MAX 128	/* bytes of a msghdr's address read */
#define MSG_CONTROL_MAX 4096	/* bytes of its control data read */

/* The pieces of a msghdr argument as args_fetch holds it: the struct,
 * then (input: sendmsg) its name, control data and data, each cut to
 * what mvdb reads. */
struct msgparts {
	unsigned long iov, iovlen;	/* the variant's iovec array */
	unsigned long name_at, control_at; /* the variant's addresses */
	size_t namelen, controllen;	/* bytes of each, as read */
	const unsigned char *name, *control, *data; /* input: contents */
	size_t datalen;			/* input: bytes of data */
	int flags;			/* msg_flags */
};
void args_msghdr_parts(const struct argval *v, bool input, struct msgparts *p);

#define MMSG_MAX 1024	/* mmsghdr entries read (the kernel's UIO_MAXIOV) */

/* An mmsghdr array as args_fetch holds it: each entry a msghdr argument
 * of its own (see msgparts), after its length, padded to 8 bytes.  args_mmsg_next gives
 * the entry at *at (a view into v, not owned) and moves *at past it;
 * false at the end. */
bool args_mmsg_next(const struct argval *v, size_t *at, struct argval *entry);
/* How many entries v holds. */
size_t args_mmsg_count(const struct argval *v);

/* Frees the buffers of c's argvals. */
void args_free(struct call *c);
/* Makes room for n bytes in v. */
void argval_reserve(struct argval *v, size_t n);

#endif
