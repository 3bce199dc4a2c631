/* The vDSO hidden at exec, so that time calls are real calls, and
 * rdtsc emulated where the CPU traps it. */
#include "events_int.h"
#include "mem.h"
#include "ptrace.h"

#include <elf.h>
#include <errno.h>
#include <libiberty.h>
#include <stdio.h>
#include <string.h>
#include <sys/user.h>
#include <x86intrin.h>

void events_hide_vdso(pid_t pid)
{
	struct user_regs_struct regs;
	unsigned long words[512];
	unsigned long at;
	int phase = 0;		/* 0 argc, 1 argv, 2 envp, 3 auxv */
	bool value = false;	/* auxv: the next word is a value */
	long argc = 0;

	if (pt_getregs(pid, &regs) == -1)
		return;
	at = regs.rsp;
	for (int chunk = 0; chunk < 64; chunk++) {
		ssize_t got = mem_read(pid, at, words, sizeof(words));
		size_t n = got > 0 ? (size_t)got / sizeof(words[0]) : 0;

		if (n == 0)
			return;
		for (size_t i = 0; i < n; i++, at += sizeof(words[0])) {
			if (phase == 0) {
				argc = (long)words[i];
				phase = 1;
			} else if (phase == 1) {
				if (argc-- == 0)
					phase = 2;
			} else if (phase == 2) {
				if (!words[i])
					phase = 3;
			} else if (value) {
				value = false;
			} else if (words[i] == AT_NULL) {
				return;
			} else {
				if (words[i] == AT_SYSINFO_EHDR) {
					unsigned long ign = AT_IGNORE;

					mem_write(pid, at, &ign, sizeof(ign));
				}
				value = true;
			}
		}
	}
}

/* The k-th rdtsc of every variant reads the same value. */
static unsigned long tsc_value(struct session *s, struct variant *v)
{
	struct session_private *p = priv(s);
	unsigned long k = v->tsc_reads++, least = v->tsc_reads;

	if (k - p->tsc_base < s->ntsc)
		return s->tsc[k - p->tsc_base];
	if (s->ntsc == s->captsc) {
		/* Drop what every variant has read already. */
		for (int i = 0; i < s->n; i++)
			if (set_get(s, v->set)->v[i].tsc_reads < least)
				least = set_get(s, v->set)->v[i].tsc_reads;
		if (least - p->tsc_base > s->ntsc / 2) {
			size_t drop = least - p->tsc_base;

			memmove(s->tsc, s->tsc + drop,
				(s->ntsc - drop) * sizeof(*s->tsc));
			s->ntsc -= drop;
			p->tsc_base += drop;
		} else {
			s->captsc = s->captsc ? s->captsc * 2 : 64;
			s->tsc = XRESIZEVEC(unsigned long, s->tsc, s->captsc);
		}
	}
	s->tsc[s->ntsc++] = __rdtsc();
	return s->tsc[k - p->tsc_base];
}

/* A SIGSEGV from rdtsc/rdtscp (trapped with PR_SET_TSC): emulate it so
 * every variant reads the same counter.  Returns false when the fault is
 * the program's own. */
bool vdso_emulate_tsc(struct session *s, struct variant *v)
{
	struct user_regs_struct regs;
	unsigned char insn[3];
	unsigned long t;
	int len;

	if (pt_getregs(v->pid, &regs) == -1 ||
	    mem_read(v->pid, regs.rip, insn, sizeof(insn)) != sizeof(insn))
		return false;
	if (insn[0] == 0x0f && insn[1] == 0x31)
		len = 2;
	else if (insn[0] == 0x0f && insn[1] == 0x01 && insn[2] == 0xf9)
		len = 3;
	else
		return false;
	t = tsc_value(s, v);
	regs.rax = t & 0xffffffffu;
	regs.rdx = t >> 32;
	if (len == 3)
		regs.rcx = 0;
	regs.rip += len;
	return pt_setregs(v->pid, &regs) == 0;
}
