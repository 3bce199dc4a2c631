/* System V message receive: msgrcv's buffer is a struct msgbuf, the
 * message type (a long) and then up to msgsz bytes of text, a size no
 * argument states whole.  The platform receives the message once into
 * a buffer of its own and copies the type and the text it got into
 * every variant. */
#include "platform_int.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>

/* The largest text mvdb receives at once: a queue holds no more than
 * msgmnb bytes (16 KiB by default), so a larger msgsz only asks for
 * room it never fills. */
#define MSGRCV_MAX (16ul << 20)

/* After the receive: the type and the text received, in every
 * variant. */
static long finish_msgrcv(struct session *s, struct vset *set,
			  struct pcall *pc)
{
	long r = pc->job.ret;
	size_t len = sizeof(long) + (r > 0 ? (size_t)r : 0);

	if (r < 0)
		return r;
	plat_keep_output(set, 1, pc->buf[1].data, len);
	return plat_copy_out(s, set, 1, pc->buf[1].data, len) ?: r;
}

bool plat_msgrcv(struct session *s, struct vset *set, struct pcall *pc,
		 long *ret)
{
	const struct call *c = plat_lead(set);
	size_t size = c->args[2] < MSGRCV_MAX ? c->args[2] : MSGRCV_MAX;
	unsigned long a[SYSCALL_MAX_ARGS] = { 0 };

	(void)s;
	if ((long)c->args[2] < 0) {
		*ret = -EINVAL;
		return false;
	}
	a[0] = c->args[0];
	a[1] = (unsigned long)plat_buf(pc, 1, sizeof(long) + size);
	a[2] = size;
	a[3] = c->args[3];
	a[4] = c->args[4];
	pc->may_wait = !(c->args[4] & IPC_NOWAIT);
	pc->finish = finish_msgrcv;
	return plat_call(pc, SYS_msgrcv, a);
}
