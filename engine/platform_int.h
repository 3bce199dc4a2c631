/* What the platform's files share (platform.c, platform_fds.c,
 * platform_wait.c, platform_net.c): the helpers every routine uses, and
 * the routines platform.c dispatches to.  Internal to the platform. */
#ifndef MVDB_PLATFORM_INT_H
#define MVDB_PLATFORM_INT_H

#include "platform.h"

#include <sys/types.h>

/* Room for any socket address (sockaddr_storage). */
#define SOCKADDR_MAX 128

/* Variant 0's call: the one the platform carries out. */
struct call *plat_lead(struct vset *set);
/* Buffer slot of pc, with room for n bytes. */
unsigned char *plat_buf(struct pcall *pc, int slot, size_t n);
/* Says why in pc's note (shown with the step). */
void plat_note(struct pcall *pc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The monitor's call: nr with arguments a.  Returns true. */
bool plat_call(struct pcall *pc, long nr, const unsigned long *a);
/* Writes len bytes of out into argument i's buffer in every variant;
 * 0 or -EFAULT. */
long plat_copy_out(struct session *s, struct vset *set, int i, const void *out,
		   size_t len);
/* Scatters len bytes over the iovec array (iov, cnt) of variant pid. */
long plat_scatter_one(pid_t pid, unsigned long iov, unsigned long cnt,
		      const unsigned char *out, size_t len);
/* Keeps what the call wrote, for renderings of variant 0's call. */
void plat_keep_output(struct vset *set, int i, const void *out, size_t len);
/* Binds a new real descriptor to the lowest free platform number. */
long plat_bind_new(struct vset *set, int realfd, const char *path, int flags);
/* A platform socket's name where its number is shown, as strace -yy
 * gives it (TCP:[127.0.0.1:8080->127.0.0.1:51234]): given when it is
 * made, and again when a call gives it a name or a peer. */
void plat_name_socket(const struct session *s, struct pfile *pf);
/* The file-creation mask of the variant's process; its rights in *c. */
mode_t plat_variant_rights(pid_t pid, struct jobcreds *c);
/* The general way's finish: outputs copied into every variant. */
long plat_finish_generic(struct session *s, struct vset *set, struct pcall *pc);
/* The general way: translate by kind, one monitor call. */
bool plat_generic(struct session *s, struct vset *set, struct pcall *pc,
		  long *ret);

/* platform_fds.c: the routines of hooks open, close, dup, fcntl, ioctl
 * and pair. */
bool plat_open(struct session *s, struct vset *set, struct pcall *pc, long *ret);
bool plat_close(struct session *s, struct vset *set, struct pcall *pc,
		long *ret);
bool plat_dup(struct session *s, struct vset *set, struct pcall *pc, long *ret);
bool plat_fcntl(struct session *s, struct vset *set, struct pcall *pc,
		long *ret);
bool plat_ioctl(struct session *s, struct vset *set, struct pcall *pc,
		long *ret);
bool plat_pair(struct session *s, struct vset *set, struct pcall *pc, long *ret);

/* platform_tty.c: job control on the terminal shared with mvdb. */
/* Whether fd is the terminal mvdb shares with the program: the
 * controlling terminal of mvdb's session. */
bool plat_shared_terminal(int fd);
/* The signal a call of sc's kind brings on a background process on
 * its terminal: SIGTTIN for a read, SIGTTOU for a write, else 0. */
int plat_tty_signal(const struct syscall *sc);
/* Whether set's call on realfd, which brings sig on a background
 * process (settings: it changes the terminal's settings, which
 * SIGTTOU guards without TOSTOP), goes on: false with *ret when the
 * process's group is in the background of the program's terminal and
 * is stopped (the call then made again when continued) or the read
 * fails with EIO. */
bool plat_tty_access(struct session *s, struct vset *set, int realfd,
		     int sig, bool settings, long *ret);

/* platform_wait.c: the routines of hooks poll and select. */
bool plat_poll(struct session *s, struct vset *set, struct pcall *pc, long *ret);
bool plat_select(struct session *s, struct vset *set, struct pcall *pc,
		 long *ret);

/* platform_net.c */
/* A relative AF_UNIX address as the monitor must name it (through
 * /proc/PID/cwd), in buffer slot; *len is its length. */
const void *plat_unix_view(struct vset *set, struct pcall *pc, int slot,
			   const void *sa, size_t *len);
/* An AF_UNIX address the kernel gave back, as the program named it. */
void plat_unix_unview(const struct session *s, void *sa, size_t *len);
/* write or sendto (arguments a, translated) on pf, an AF_UNIX socket,
 * as the sendmsg that carries the program's credentials with it. */
bool plat_unix_send(struct session *s, struct vset *set, struct pcall *pc,
		    const struct pfile *pf, const unsigned long *a);
/* The routines of hooks msg, mmsg and epoll. */
bool plat_msg(struct session *s, struct vset *set, struct pcall *pc, long *ret);
bool plat_mmsg(struct session *s, struct vset *set, struct pcall *pc, long *ret);
bool plat_epoll(struct session *s, struct vset *set, struct pcall *pc,
		long *ret);

/* platform_cred.c */
/* The program's process making set's call, as getpid shows it. */
pid_t plat_caller(const struct session *s, const struct vset *set);
/* The real user and group ids of the program's process pid, in *c. */
struct ucred;
void plat_program_ids(const struct session *s, pid_t pid, struct ucred *c);
/* Whether the monitor may send credentials naming another process
 * (CAP_SYS_ADMIN): without it the kernel refuses them with EPERM. */
bool plat_may_lend_creds(void);
/* socketpair made the AF_UNIX sockets numbered nums: the caller's. */
void plat_pair_made(const struct session *s, struct vset *set,
		    const int nums[2]);
/* The routines of hooks msgrcv and semctl (platform_ipc.c). */
bool plat_msgrcv(struct session *s, struct vset *set, struct pcall *pc,
		 long *ret);
bool plat_semctl(struct session *s, struct vset *set, struct pcall *pc,
		 long *ret);
/* The routine of hook sock (connect, listen, accept, getsockopt). */
bool plat_sock(struct session *s, struct vset *set, struct pcall *pc, long *ret);

#endif
