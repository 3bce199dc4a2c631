/* The fields of struct arguments that the kernel reads (fields.h). */
#include "fields.h"

#include <linux/sched.h>
#include <mqueue.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/timex.h>

#define F(type, member) \
	{ offsetof(type, member), sizeof(((type *)0)->member) }
#define ROWS(a) (sizeof(a) / sizeof((a)[0]))

/* mq_open reads the queue's size; mq_getsetattr only the flags. */
static const struct field mq_open_fields[] = {
	F(struct mq_attr, mq_maxmsg), F(struct mq_attr, mq_msgsize),
};
static const struct field mq_setattr_fields[] = {
	F(struct mq_attr, mq_flags),
};

/* adjtimex and clock_adjtime: every named field, none of the padding
 * after an int nor the spare ints at the end; with no modes, the
 * kernel only reports and reads nothing else. */
static const struct field timex_fields[] = {
	F(struct timex, modes), F(struct timex, offset),
	F(struct timex, freq), F(struct timex, maxerror),
	F(struct timex, esterror), F(struct timex, status),
	F(struct timex, constant), F(struct timex, precision),
	F(struct timex, tolerance), F(struct timex, time),
	F(struct timex, tick), F(struct timex, ppsfreq),
	F(struct timex, jitter), F(struct timex, shift),
	F(struct timex, stabil), F(struct timex, jitcnt),
	F(struct timex, calcnt), F(struct timex, errcnt),
	F(struct timex, stbcnt), F(struct timex, tai),
};

/* timer_create: how the timer notifies; the value is often an address
 * and a thread id is each variant's own. */
static const struct field sigevent_fields[] = {
	F(struct sigevent, sigev_signo), F(struct sigevent, sigev_notify),
};

/* sigaltstack: the stack itself is each variant's own. */
static const struct field stack_fields[] = {
	F(stack_t, ss_flags), F(stack_t, ss_size),
};

/* rt_sigqueueinfo and friends: the signal, its error and code; the
 * rest is ids (translated apart) and a value that is often an
 * address. */
static const struct field siginfo_fields[] = {
	F(siginfo_t, si_signo), F(siginfo_t, si_errno), F(siginfo_t, si_code),
};

/* clone3: everything but the addresses (pidfd, child_tid, parent_tid,
 * stack, tls, set_tid). */
static const struct field clone_fields[] = {
	F(struct clone_args, flags), F(struct clone_args, exit_signal),
	F(struct clone_args, stack_size), F(struct clone_args, set_tid_size),
	F(struct clone_args, cgroup),
};

/* set_robust_list: the offset of the futex in each entry; the list is
 * each variant's own. */
static const struct field robust_fields[] = {
	{ 8, 8 },	/* futex_offset, after the list's next pointer */
};

/* futex_waitv: each waiter's expected value and flags, not its
 * address nor the reserved word. */
static const struct field waitv_fields[] = {
	{ 0, 8 },	/* val */
	{ 16, 4 },	/* flags */
};

/* pselect6 and io_pgetevents: the size of the signal mask, not where
 * it lies. */
static const struct field argpack_fields[] = {
	{ 8, 8 },	/* the sigset_t's size */
};

/* epoll_ctl: the events asked for; the data is each variant's own
 * (often a pointer), kept per registration and handed back to each.
 * EPOLL_CTL_DEL reads nothing: CPython leaves the event as the stack
 * held it. */
static const struct field epoll_fields[] = {
	{ 0, 4 },	/* events (the struct is packed: data at 4) */
};

const struct field *fields_of(const struct call *c, int i, size_t *n)
{
	const struct argval *v = &c->val[i];
	unsigned int modes;

	switch (c->sc->args[i].aux) {
	case ST_MQ_ATTR:
		if (c->nr == SYS_mq_getsetattr) {
			*n = ROWS(mq_setattr_fields);
			return mq_setattr_fields;
		}
		*n = ROWS(mq_open_fields);
		return mq_open_fields;
	case ST_TIMEX:
		*n = ROWS(timex_fields);
		if (v->len >= sizeof(modes)) {
			memcpy(&modes, v->data, sizeof(modes));
			if (!modes)
				*n = 1;
		}
		return timex_fields;
	case ST_SIGEVENT:
		*n = ROWS(sigevent_fields);
		return sigevent_fields;
	case ST_STACK:
		*n = ROWS(stack_fields);
		return stack_fields;
	case ST_SIGINFO:
		*n = ROWS(siginfo_fields);
		return siginfo_fields;
	case ST_CLONE_ARGS:
		*n = ROWS(clone_fields);
		return clone_fields;
	case ST_ROBUST_LIST_HEAD:
		*n = ROWS(robust_fields);
		return robust_fields;
	case ST_FUTEX_WAITV:
		*n = ROWS(waitv_fields);
		return waitv_fields;
	case ST_SIGSET_ARGPACK:
		*n = ROWS(argpack_fields);
		return argpack_fields;
	case ST_EPOLL_EVENT:
		*n = c->nr == SYS_epoll_ctl && c->args[1] == EPOLL_CTL_DEL
			     ? 0 : ROWS(epoll_fields);
		return epoll_fields;
	default:
		return NULL;
	}
}

bool fields_equal(const struct call *a, const struct call *b, int i,
		  size_t *off)
{
	const struct argval *va = &a->val[i], *vb = &b->val[i];
	size_t size = struct_size(a->sc->args[i].aux), n;
	const struct field *f = fields_of(a, i, &n);

	if (!n)
		return true;	/* the kernel reads none of it */
	if (va->len != vb->len) {
		*off = va->len < vb->len ? va->len : vb->len;
		return false;
	}
	/* element by element: arrays of them (futex_waitv) */
	for (size_t at = 0; size && at + size <= va->len; at += size)
		for (size_t k = 0; k < n; k++) {
			const unsigned char *pa = va->data + at + f[k].at;
			const unsigned char *pb = vb->data + at + f[k].at;

			if (memcmp(pa, pb, f[k].len) != 0) {
				*off = at + f[k].at;
				return false;
			}
		}
	return true;
}
