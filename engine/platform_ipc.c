/* System V calls whose arguments no kind says whole.  msgrcv's buffer
 * is a struct msgbuf, the message type (a long) and then up to msgsz
 * bytes of text: the platform receives the message once into a buffer
 * of its own and copies the type and the text it got into every
 * variant.  semctl's fourth argument is a value or an address, as its
 * command says. */
#include "platform_int.h"
#include "args.h"

#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
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

/* semctl: the commands of a value (SETVAL's, compared as such:
 * args_is_semctl_value) or of none are made by the platform; those of
 * an address (IPC_STAT, IPC_SET, GETALL, SETALL, the INFO and STAT
 * ones) fail with ENOSYS and a note, their structs not followed. */
bool plat_semctl(struct session *s, struct vset *set, struct pcall *pc,
		 long *ret)
{
	const struct call *c = plat_lead(set);
	unsigned long a[SYSCALL_MAX_ARGS] = { c->args[0], c->args[1],
					      c->args[2] };

	(void)s;
	switch (SEMCTL_CMD(c->args[2])) {
	case SETVAL:
		a[3] = (unsigned long)(int)c->args[3];
		break;
	case IPC_RMID: case GETVAL: case GETPID: case GETNCNT: case GETZCNT:
		break;
	default:
		plat_note(pc, "semctl's command %d takes an address mvdb does not follow: ENOSYS",
			  SEMCTL_CMD(c->args[2]));
		*ret = -ENOSYS;
		return false;
	}
	return plat_call(pc, SYS_semctl, a);
}
