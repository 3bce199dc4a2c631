/* Call stacks through libdwfl, with our own thread callbacks: registers
 * from the stop, memory through the monitor; each frame's arguments as
 * far as the DWARF says.  Runs in the sandboxed helper only (symread.h),
 * but for symbols_frame_reg and symbols_dwarf_reg, which read frames. */
#include "symread.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <libiberty.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* struct user_regs_struct's fields in DWARF's x86-64 numbering. */
static const size_t dwarf_regs[FRAME_REG_COUNT] = {
	offsetof(struct user_regs_struct, rax),
	offsetof(struct user_regs_struct, rdx),
	offsetof(struct user_regs_struct, rcx),
	offsetof(struct user_regs_struct, rbx),
	offsetof(struct user_regs_struct, rsi),
	offsetof(struct user_regs_struct, rdi),
	offsetof(struct user_regs_struct, rbp),
	offsetof(struct user_regs_struct, rsp),
	offsetof(struct user_regs_struct, r8),
	offsetof(struct user_regs_struct, r9),
	offsetof(struct user_regs_struct, r10),
	offsetof(struct user_regs_struct, r11),
	offsetof(struct user_regs_struct, r12),
	offsetof(struct user_regs_struct, r13),
	offsetof(struct user_regs_struct, r14),
	offsetof(struct user_regs_struct, r15),
	offsetof(struct user_regs_struct, rip),
};

/* DWARF registers a callee keeps for its caller: rbx, rbp, rsp,
 * r12-r15 and the return address. */
#define CALLEE_SAVED (1u << 3 | 1u << 6 | 1u << 7 | 1u << 12 | 1u << 13 | \
		      1u << 14 | 1u << 15 | 1u << 16)

/* The thread callbacks: one thread, the stopped one. */
static pid_t next_thread(Dwfl *dwfl, void *arg, void **thread_arg)
{
	struct symread *r = arg;

	(void)dwfl;
	if (r->listed)
		return 0;
	r->listed = true;
	*thread_arg = r;
	return symread_pid();
}

static bool memory_read(Dwfl *dwfl, Dwarf_Addr addr, Dwarf_Word *result,
			void *arg)
{
	struct symread *r = arg;

	(void)dwfl;
	return r->mem(r->ctx, addr, result, sizeof(*result));
}

static bool set_initial_registers(Dwfl_Thread *thread, void *arg)
{
	struct symread *r = arg;
	Dwarf_Word regs[FRAME_REG_COUNT];

	for (int i = 0; i < FRAME_REG_COUNT; i++)
		memcpy(&regs[i], (const char *)r->regs + dwarf_regs[i],
		       sizeof(regs[i]));
	return dwfl_thread_state_registers(thread, 0, FRAME_REG_COUNT, regs);
}

static const Dwfl_Thread_Callbacks thread_callbacks = {
	.next_thread = next_thread,
	.memory_read = memory_read,
	.set_initial_registers = set_initial_registers,
};

/* Where a backtrace is going. */
struct unwind {
	struct symread *r;	/* the view */
	struct frame *frames;	/* filled so far */
	int n, max;		/* count and room */
};

static int take_frame(Dwfl_Frame *state, void *arg)
{
	struct unwind *u = arg;
	struct frame *f = &u->frames[u->n];
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(state, &pc, &activation))
		return DWARF_CB_ABORT;
	memset(f, 0, sizeof(*f));
	/* Thread-wide registers (segments, bases) are the stop's. */
	f->regs = *u->r->regs;
	f->pc = pc;
	f->activation = activation;
	for (int i = 0; i < FRAME_REG_COUNT; i++) {
		Dwarf_Word val;

		if (dwfl_frame_reg(state, (unsigned)i, &val) != 0)
			continue;
		memcpy((char *)&f->regs + dwarf_regs[i], &val, sizeof(val));
		f->known |= 1u << i;
	}
	/* A caller's rax, rcx, rdx, rsi, rdi, r8-r11 are not kept by the
	 * ABI: what CFI leaves "the same" there is the callee's. */
	if (u->n > 0 && !activation)
		f->known &= CALLEE_SAVED;
	/* The pc is always known, even where rip's column is not. */
	f->regs.rip = pc;
	f->known |= 1u << 16;
	symread_lookup(u->r, activation || pc == 0 ? pc : pc - 1, &f->sym);
	f->sym.addr = pc;
	if (!activation && f->sym.func[0])
		f->sym.off++;
	return ++u->n < u->max ? DWARF_CB_OK : DWARF_CB_ABORT;
}

/* The value a DWARF location expression gives in frame k, the way gdb
 * reads the simple ones: a register, or memory at a register or the
 * frame's CFA plus an offset.  False for anything else (optimized out,
 * entry values, pieces). */
static bool location_value(struct symread *r, const struct frame *frames,
			   int n, int k, const Dwarf_Op *ops, size_t nops,
			   int size, unsigned long *val)
{
	const struct frame *f = &frames[k];
	unsigned long base, word = 0;
	Dwarf_Word op;

	if (nops != 1)
		return false;
	op = ops[0].atom;
	if (op >= DW_OP_reg0 && op <= DW_OP_reg16)
		return symbols_frame_reg(f, (int)(op - DW_OP_reg0), val);
	if (op >= DW_OP_breg0 && op <= DW_OP_breg16) {
		if (!symbols_frame_reg(f, (int)(op - DW_OP_breg0), &base))
			return false;
	} else if (op == DW_OP_fbreg) {
		/* Frame bases here are the CFA (gcc's DW_OP_call_frame_cfa):
		 * the caller's stack pointer. */
		if (k + 1 >= n || !symbols_frame_reg(&frames[k + 1], 7, &base))
			return false;
	} else {
		return false;
	}
	if (size <= 0 || size > 8 ||
	    !r->mem(r->ctx, base + (unsigned long)(long)ops[0].number, &word,
		    (size_t)size))
		return false;
	*val = word;
	return true;
}

/* How a parameter's value is shown: by its type, as gdb would for
 * scalars (pointers in hex, integers in decimal); size in bytes. */
static bool value_type(Dwarf_Die *param, int *size, bool *pointer,
		       bool *is_signed)
{
	Dwarf_Attribute attr;
	Dwarf_Die type, *t = dwarf_formref_die(dwarf_attr_integrate(param,
						DW_AT_type, &attr), &type);
	Dwarf_Word enc = 0;

	while (t && (dwarf_tag(t) == DW_TAG_typedef ||
		     dwarf_tag(t) == DW_TAG_const_type ||
		     dwarf_tag(t) == DW_TAG_volatile_type))
		t = dwarf_formref_die(dwarf_attr_integrate(t, DW_AT_type, &attr),
				      &type);
	if (!t)
		return false;
	*pointer = dwarf_tag(t) == DW_TAG_pointer_type ||
		   dwarf_tag(t) == DW_TAG_reference_type;
	*size = *pointer ? 8 : dwarf_bytesize(t);
	if (!*pointer && dwarf_tag(t) != DW_TAG_base_type &&
	    dwarf_tag(t) != DW_TAG_enumeration_type)
		return false;
	dwarf_formudata(dwarf_attr_integrate(t, DW_AT_encoding, &attr), &enc);
	*is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char ||
		     dwarf_tag(t) == DW_TAG_enumeration_type;
	return *size > 0 && *size <= 8;
}

/* Fills frames[k].args from the debug information of its function. */
static void frame_args(struct symread *r, struct frame *frames, int n, int k)
{
	struct frame *f = &frames[k];
	unsigned long pc = f->activation || f->pc == 0 ? f->pc : f->pc - 1;
	Dwfl_Module *mod = dwfl_addrmodule(r->dwfl, pc);
	Dwarf_Addr bias = 0;
	Dwarf_Die *cu = mod ? dwfl_module_addrdie(mod, pc, &bias) : NULL;
	Dwarf_Die *scopes = NULL, child;
	size_t at = 0;
	int nscopes, i;

	f->args[0] = '\0';
	if (!cu)
		return;
	nscopes = dwarf_getscopes(cu, pc - bias, &scopes);
	for (i = 0; i < nscopes; i++)
		if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram)
			break;
	if (i == nscopes || dwarf_child(&scopes[i], &child) != 0) {
		free(scopes);
		return;
	}
	do {
		Dwarf_Attribute attr;
		Dwarf_Op *ops;
		size_t nops;
		unsigned long val;
		const char *name;
		int size = 0;
		bool pointer = false, is_signed = false, have;

		if (dwarf_tag(&child) != DW_TAG_formal_parameter ||
		    !(name = dwarf_diename(&child)) || at >= sizeof(f->args))
			continue;
		have = dwarf_attr_integrate(&child, DW_AT_location, &attr) &&
		       dwarf_getlocation_addr(&attr, pc - bias, &ops, &nops,
					      1) == 1 &&
		       value_type(&child, &size, &pointer, &is_signed) &&
		       location_value(r, frames, n, k, ops, nops, size, &val);
		if (have && size < 8 && is_signed && (val >> (size * 8 - 1) & 1))
			val |= ~0UL << (size * 8);
		else if (have && size < 8)
			val &= (1UL << (size * 8)) - 1;
		if (!have)
			at += (size_t)snprintf(f->args + at, sizeof(f->args) - at,
					       "%s%s=<optimized out>",
					       at ? ", " : "", name);
		else if (pointer)
			at += (size_t)snprintf(f->args + at, sizeof(f->args) - at,
					       "%s%s=%#lx", at ? ", " : "",
					       name, val);
		else
			at += (size_t)snprintf(f->args + at, sizeof(f->args) - at,
					       is_signed ? "%s%s=%ld" : "%s%s=%lu",
					       at ? ", " : "", name, val);
	} while (dwarf_siblingof(&child, &child) == 0);
	free(scopes);
}

int symread_backtrace(struct symread *r, const struct user_regs_struct *regs,
		      struct frame *frames, int max, struct error *err)
{
	/* one frame more than asked: the last one's arguments are read at
	 * its caller's CFA */
	struct frame *all = XNEWVEC(struct frame, (size_t)max + 1);
	struct unwind u = { .r = r, .frames = all, .max = max + 1 };

	if (max <= 0) {
		free(all);
		return 0;
	}
	r->regs = regs;
	r->listed = false;
	if (!r->attached) {
		if (!dwfl_attach_state(r->dwfl, NULL, symread_pid(),
				       &thread_callbacks, r)) {
			free(all);
			return error_set(err, ERR_SYSTEM, "cannot unwind pid %d: %s",
					 (int)symread_pid(), dwfl_errmsg(-1));
		}
		r->attached = true;
	}
	/* An error ends the stack where the unwinder lost its way; what it
	 * found up to there is the answer. */
	dwfl_getthread_frames(r->dwfl, symread_pid(), take_frame, &u);
	for (int k = 0; k < u.n && k < max; k++)
		frame_args(r, all, u.n, k);
	if (u.n > max)
		u.n = max;
	memcpy(frames, all, (size_t)u.n * sizeof(*frames));
	free(all);
	if (u.n == 0) {
		memset(&frames[0], 0, sizeof(frames[0]));
		frames[0].pc = regs->rip;
		frames[0].activation = true;
		frames[0].regs = *regs;
		frames[0].known = (1u << FRAME_REG_COUNT) - 1;
		symread_lookup(r, regs->rip, &frames[0].sym);
		u.n = 1;
	}
	return u.n;
}

bool symbols_frame_reg(const struct frame *f, int i, unsigned long *val)
{
	if (i < 0 || i >= FRAME_REG_COUNT || !(f->known & (1u << i)))
		return false;
	memcpy(val, (const char *)&f->regs + dwarf_regs[i], sizeof(*val));
	return true;
}

int symbols_dwarf_reg(size_t offset)
{
	for (int i = 0; i < FRAME_REG_COUNT; i++)
		if (dwarf_regs[i] == offset)
			return i;
	return -1;
}
