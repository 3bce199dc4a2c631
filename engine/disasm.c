/* Instructions through Capstone. */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>

/* Whether insn is a direct call or jump, and where to. */
static bool direct_target(csh cs, const cs_insn *insn, unsigned long *target)
{
	const cs_x86 *x;

	if (!cs_insn_group(cs, insn, CS_GRP_CALL) &&
	    !cs_insn_group(cs, insn, CS_GRP_JUMP))
		return false;
	x = &insn->detail->x86;
	if (x->op_count != 1 || x->operands[0].type != X86_OP_IMM)
		return false;
	*target = (unsigned long)x->operands[0].imm;
	return true;
}

int disasm(const unsigned char *code, size_t len, unsigned long addr,
	   struct insn *out, int max)
{
	csh cs;
	cs_insn *insn;
	const uint8_t *p = code;
	uint64_t at = addr;
	int n = 0;

	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return -1;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	insn = cs_malloc(cs);
	while (n < max && len > 0) {
		struct insn *o = &out[n];

		memset(o, 0, sizeof(*o));
		o->addr = at;
		if (!cs_disasm_iter(cs, &p, &len, &at, insn)) {
			o->bytes[0] = *p;
			snprintf(o->text, sizeof(o->text), "(bad) .byte 0x%02x",
				 *p);
			n++;
			break;
		}
		o->size = insn->size;
		memcpy(o->bytes, insn->bytes, insn->size);
		snprintf(o->text, sizeof(o->text), "%s%s%s", insn->mnemonic,
			 insn->op_str[0] ? " " : "", insn->op_str);
		o->branch = direct_target(cs, insn, &o->target);
		n++;
	}
	cs_free(insn, 1);
	cs_close(&cs);
	return n;
}
