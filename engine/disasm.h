/* Machine instructions as text: x86-64 decoded by Capstone (Intel
 * syntax, as gdb's `set disassembly-flavor intel` and objdump -M intel
 * print it). */
#ifndef MVDB_DISASM_H
#define MVDB_DISASM_H

#include <stdbool.h>
#include <stddef.h>

#define INSN_BYTES_MAX 15	/* the longest x86-64 instruction */
#define INSN_TEXT_MAX 200	/* mnemonic and operands */

/* One decoded instruction. */
struct insn {
	unsigned long addr;			/* where it is */
	int size;				/* its length in bytes; 0:
						   the bytes are no instruction */
	unsigned char bytes[INSN_BYTES_MAX];	/* its bytes */
	char text[INSN_TEXT_MAX];		/* "mov rax, qword ptr [rsp]" */
	bool branch;				/* a call or jump with a target */
	unsigned long target;			/* the direct target */
};

/* Decodes up to max instructions from code (len bytes that sit at
 * addr).  Bytes that decode to nothing give one insn of size 0 naming
 * the byte, and decoding stops there.  Returns the count, or -1 when
 * the decoder cannot start. */
int disasm(const unsigned char *code, size_t len, unsigned long addr,
	   struct insn *out, int max);

#endif
