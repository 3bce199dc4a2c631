/* Struct arguments whose unread bytes differ between variants: the
 * garbage is this variant's stack address (ASLR), left in mq_attr's
 * ignored fields and reserved tail for mq_open, and in every field but
 * modes of a struct timex for a reading adjtimex.  Compared byte for
 * byte they diverged; the kernel reads none of them (engine/fields.c). */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/timex.h>
#include <unistd.h>

static void garbage(void *p, size_t len)
{
	uintptr_t g = (uintptr_t)&len;

	for (size_t k = 0; k < len; k++)
		((unsigned char *)p)[k] = (unsigned char)(g >> (8 * (k % 6)));
}

int main(void)
{
	struct mq_attr attr, got;
	struct timex tx;
	char name[64];
	mqd_t q;
	int state;

	snprintf(name, sizeof(name), "/mvdb-test-pad-%d", (int)getpid());
	garbage(&attr, sizeof(attr));
	attr.mq_maxmsg = 4;
	attr.mq_msgsize = 64;
	q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	if (q == (mqd_t)-1) {
		printf("mq_open: %s\n", strerror(errno));
	} else {
		mq_getattr(q, &got);
		printf("queue of %ld messages of %ld bytes\n", got.mq_maxmsg,
		       got.mq_msgsize);
		mq_close(q);
		mq_unlink(name);
	}
	garbage(&tx, sizeof(tx));
	tx.modes = 0;
	state = adjtimex(&tx);
	printf("adjtimex: %s\n", state >= 0 ? "read" : strerror(errno));
	return 0;
}
