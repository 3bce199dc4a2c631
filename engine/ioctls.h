/* The ioctl requests mvdb knows: what each reads through its third
 * argument (compared between variants, passed to the platform's call)
 * and what it writes back.  One table, used by args.c (reading),
 * compare.c (comparing) and platform.c (carrying out). */
#ifndef MVDB_IOCTLS_H
#define MVDB_IOCTLS_H

#include <stdbool.h>
#include <stddef.h>

/* Which of the bytes read the kernel looks at. */
enum ioccmp {
	IOC_BYTES,	/* all of them */
	IOC_IFNAME,	/* a struct ifreq's name, up to its NUL */
	IOC_IFINDEX,	/* a struct ifreq's interface index */
};

/* An ioctl request: sizes of what it reads and writes through its
 * third argument. */
struct ioctl_rule {
	unsigned long req;	/* the request */
	unsigned short in;	/* bytes read from the variant */
	unsigned short out;	/* bytes written back */
	bool noarg;		/* the third argument is not a pointer */
	bool waits;		/* it waits for output to drain */
	unsigned char cmp;	/* enum ioccmp: what of in counts */
};

/* The rule for request req, or NULL for one mvdb does not know. */
const struct ioctl_rule *ioctl_rule(unsigned long req);

/* Whether the len bytes a and b, read for request req's input, agree
 * where the kernel reads them; *off is the first that differs. */
bool ioctl_in_equal(unsigned long req, const unsigned char *a,
		    const unsigned char *b, size_t len, size_t *off);

#endif
