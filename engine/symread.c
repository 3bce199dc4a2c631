/* Symbols and loaded objects through libdwfl: what the helper may read
 * (prepared before its sandbox), the view, lookups of addresses (with
 * PLT stubs) and the module list.  Runs in the sandboxed helper only
 * (symread.h); call stacks are symstack.c. */
#include "symread.h"

#include <demangle.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <libiberty.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What symread_prepare opened: the helper serves one view. */
static struct {
	pid_t pid;		/* the process */
	char *maps;		/* its maps, code only */
	size_t size;		/* their length */
	char **paths;		/* the files mapped executable */
	int *fds;		/* each opened (or -1) */
	size_t n;		/* how many */
	int debug_dir;		/* /usr/lib/debug, or -1 */
} prep = { .debug_dir = -1 };

/* Separate debug information comes only from the system's directory
 * (/usr/lib/debug): by build id, or by a debug link that is a plain
 * name, never beside the object nor through a link with a '/' in it.
 * The program chose its objects' debug links: one leading to a FIFO
 * would block at its open. */
#define DEBUG_DIR "/usr/lib/debug"

/* fd kept when it is a regular file (a FIFO put where a file was mapped
 * is not read), its name into *name; else -1. */
static int keep_regular(int fd, const char *path, char **name)
{
	struct stat st;

	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	*name = xstrdup(path);
	return fd;
}

/* The file a module was mapped from: opened by symread_prepare (a
 * descriptor of its own for libdwfl, which closes it). */
static int find_elf(Dwfl_Module *mod, void **userdata, const char *modname,
		    Dwarf_Addr base, char **file_name, Elf **elfp)
{
	(void)mod, (void)userdata, (void)base, (void)elfp;
	for (size_t i = 0; i < prep.n; i++)
		if (prep.fds[i] >= 0 && strcmp(prep.paths[i], modname) == 0)
			return keep_regular(dup(prep.fds[i]), modname, file_name);
	return -1;
}

/* rel (no leading '/') opened under /usr/lib/debug. */
static int open_debug(const char *rel, char **name)
{
	if (prep.debug_dir < 0)
		return -1;
	return keep_regular(openat(prep.debug_dir, rel, SYMREAD_OPEN_FLAGS),
			    rel, name);
}

static int find_debuginfo(Dwfl_Module *mod, void **userdata,
			  const char *modname, Dwarf_Addr base,
			  const char *file_name, const char *debuglink,
			  GElf_Word crc, char **debuginfo_name)
{
	const unsigned char *id;
	GElf_Addr at;
	char path[PATH_MAX];
	int len = dwfl_module_build_id(mod, &id, &at), fd = -1;

	(void)userdata, (void)modname, (void)base, (void)crc;
	if (len > 1 && len <= 64) {
		size_t n = (size_t)snprintf(path, sizeof(path),
					    ".build-id/%02x/", id[0]);

		for (int i = 1; i < len; i++)
			n += (size_t)snprintf(path + n, sizeof(path) - n,
					      "%02x", id[i]);
		snprintf(path + n, sizeof(path) - n, ".debug");
		fd = open_debug(path, debuginfo_name);
	}
	if (fd == -1 && debuglink && *debuglink && !strchr(debuglink, '/') &&
	    strcmp(debuglink, "..") != 0 && file_name && file_name[0] == '/') {
		const char *slash = strrchr(file_name, '/');

		if (snprintf(path, sizeof(path), "%.*s/%s",
			     (int)(slash - file_name - 1), file_name + 1,
			     debuglink) < (int)sizeof(path))
			fd = open_debug(path, debuginfo_name);
	}
	return fd;
}

static const Dwfl_Callbacks proc_callbacks = {
	.find_elf = find_elf,
	.find_debuginfo = find_debuginfo,
};

/* The path of a maps line ("" for an anonymous mapping) and whether the
 * line maps it executable. */
static const char *maps_path(const char *line, bool *exec)
{
	char perms[8] = "";
	int at = 0;

	if (sscanf(line, "%*s %7s %*s %*s %*s%n", perms, &at) != 1)
		return "";
	*exec = strchr(perms, 'x') != NULL;
	line += at;
	while (*line == ' ')
		line++;
	return line;
}

/* Whether path is among the files mapped executable (added if add). */
static bool code_file(const char *path, bool add)
{
	for (size_t i = 0; i < prep.n; i++)
		if (strcmp(prep.paths[i], path) == 0)
			return true;
	if (!add)
		return false;
	prep.paths = XRESIZEVEC(char *, prep.paths, prep.n + 1);
	prep.paths[prep.n++] = xstrdup(path);
	return true;
}

bool symread_prepare(pid_t pid, struct error *err)
{
	char path[64], *line = NULL;
	size_t cap = 0;
	FILE *in, *out;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	in = fopen(path, "re");
	if (!in)
		return error_set(err, ERR_SYSTEM, "cannot read pid %d's maps: %s",
				 (int)pid, strerror(errno)) == 0;
	prep.pid = pid;
	out = open_memstream(&prep.maps, &prep.size);
	for (int pass = 0; pass < 2; pass++) {
		rewind(in);
		while (getline(&line, &cap, in) > 0) {
			bool x = false;
			const char *file;

			line[strcspn(line, "\n")] = '\0';
			file = maps_path(line, &x);
			if (pass == 0 && x && file[0] == '/')
				code_file(file, true);
			else if (pass == 1 &&
				 (file[0] != '/' || code_file(file, false)))
				fprintf(out, "%s\n", line);
		}
	}
	free(line);
	fclose(in);
	fclose(out);
	prep.fds = XNEWVEC(int, prep.n ? prep.n : 1);
	for (size_t i = 0; i < prep.n; i++)
		prep.fds[i] = open(prep.paths[i], SYMREAD_OPEN_FLAGS);
	prep.debug_dir = open(DEBUG_DIR, O_PATH | O_DIRECTORY | O_CLOEXEC);
	return true;
}

int symread_debug_dir(void)
{
	return prep.debug_dir;
}

pid_t symread_pid(void)
{
	return prep.pid;
}

struct symread *symread_open(symread_mem mem, void *ctx, struct error *err)
{
	struct symread *r = XCNEW(struct symread);
	FILE *f = prep.size ? fmemopen(prep.maps, prep.size, "r") : NULL;
	int rc;

	r->mem = mem;
	r->ctx = ctx;
	r->dwfl = dwfl_begin(&proc_callbacks);
	if (!r->dwfl) {
		error_set(err, ERR_SYSTEM, "cannot read symbols: %s",
			  dwfl_errmsg(-1));
		if (f)
			fclose(f);
		free(r);
		return NULL;
	}
	dwfl_report_begin(r->dwfl);
	rc = f ? dwfl_linux_proc_maps_report(r->dwfl, f) : 0;
	dwfl_report_end(r->dwfl, NULL, NULL);
	if (f)
		fclose(f);
	if (rc != 0) {
		error_set(err, ERR_SYSTEM, "cannot read pid %d's maps: %s",
			  (int)prep.pid, rc > 0 ? strerror(rc) : dwfl_errmsg(-1));
		symread_close(r);
		return NULL;
	}
	return r;
}

void symread_close(struct symread *r)
{
	if (!r)
		return;
	dwfl_end(r->dwfl);
	free(r);
}

/* A name as a person reads it: C++ and Rust names demangled, without
 * their parameter types (as gdb names frames), into buf (name itself
 * when it is not mangled). */
static void demangle(const char *name, char *buf, size_t size)
{
	char *plain = NULL;

	if (name[0] == '_' && (name[1] == 'Z' || name[1] == 'R'))
		plain = cplus_demangle(name, DMGL_ANSI | DMGL_AUTO);
	snprintf(buf, size, "%s", plain ? plain : name);
	free(plain);
}

/* The function debug information names at addr (gdb's choice: the
 * subprogram, by its linkage name when it has one), over the symbol
 * table's, which may be an alias of it. */
static void dwarf_name(Dwfl_Module *mod, unsigned long addr,
		       struct symbol *out)
{
	Dwarf_Addr bias = 0;
	Dwarf_Die *cu = dwfl_module_addrdie(mod, addr, &bias);
	Dwarf_Die *scopes = NULL;
	int n;

	if (!cu)
		return;
	n = dwarf_getscopes(cu, addr - bias, &scopes);
	for (int i = 0; i < n; i++) {
		Dwarf_Attribute attr;
		const char *name;
		Dwarf_Addr low;

		if (dwarf_tag(&scopes[i]) != DW_TAG_subprogram)
			continue;
		name = dwarf_formstring(dwarf_attr_integrate(&scopes[i],
				DW_AT_linkage_name, &attr));
		if (!name)
			name = dwarf_diename(&scopes[i]);
		if (name && dwarf_lowpc(&scopes[i], &low) == 0 &&
		    low + bias <= addr) {
			demangle(name, out->func, sizeof(out->func));
			out->off = addr - (low + bias);
		}
		break;
	}
	free(scopes);
}

/* The name a relocation of elf at slot (a GOT entry) refers to, or
 * NULL. */
static const char *slot_name(Elf *elf, GElf_Addr slot)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Scn *symscn;
		GElf_Shdr sh, symsh;
		Elf_Data *data, *syms;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    !sh.sh_entsize || !(data = elf_getdata(scn, NULL)) ||
		    !(symscn = elf_getscn(elf, sh.sh_link)) ||
		    !gelf_getshdr(symscn, &symsh) ||
		    !(syms = elf_getdata(symscn, NULL)))
			continue;
		for (size_t i = 0; i < data->d_size / sh.sh_entsize; i++) {
			GElf_Rela rela;
			GElf_Sym sym;

			if (!gelf_getrela(data, (int)i, &rela) ||
			    rela.r_offset != slot ||
			    !gelf_getsym(syms, (int)GELF_R_SYM(rela.r_info), &sym))
				continue;
			return elf_strptr(elf, symsh.sh_link, sym.st_name);
		}
	}
	return NULL;
}

/* "write@plt" for an address in a stub of one of mod's PLT sections
 * (.plt, .plt.sec, .plt.got), as objdump and gdb name them: the stub's
 * `jmp *slot(%rip)` names the GOT slot, and the slot's relocation the
 * function.  False when addr is in none. */
static bool plt_name(Dwfl_Module *mod, unsigned long addr, struct symbol *out)
{
	Dwarf_Addr bias = 0;
	Elf *elf = dwfl_module_getelf(mod, &bias);
	Elf_Scn *scn = NULL;
	GElf_Addr at = addr - bias;
	size_t names;

	if (!elf || elf_getshdrstrndx(elf, &names) != 0)
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		const unsigned char *p;
		const char *section, *func;
		GElf_Addr entry, size;
		Elf_Data *data;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) ||
		    !(section = elf_strptr(elf, names, sh.sh_name)) ||
		    strncmp(section, ".plt", 4) != 0 || at < sh.sh_addr ||
		    at >= sh.sh_addr + sh.sh_size ||
		    !(data = elf_getdata(scn, NULL)) || !data->d_buf)
			continue;
		size = sh.sh_entsize >= 8 && sh.sh_entsize <= 32 ?
			       sh.sh_entsize : 16;
		entry = sh.sh_addr + (at - sh.sh_addr) / size * size;
		if (entry - sh.sh_addr + size > data->d_size)
			return false;
		p = (const unsigned char *)data->d_buf + (entry - sh.sh_addr);
		for (GElf_Addr i = 0; i + 6 <= size; i++) {
			int32_t disp;

			if (p[i] != 0xff || p[i + 1] != 0x25)
				continue;	/* jmp *disp32(%rip) */
			memcpy(&disp, p + i + 2, sizeof(disp));
			func = slot_name(elf, entry + i + 6 + (GElf_Addr)(int64_t)disp);
			if (!func)
				return false;
			snprintf(out->func, sizeof(out->func), "%.*s@plt",
				 (int)strcspn(func, "@"), func);
			out->off = at - entry;
			return true;
		}
		return false;
	}
	return false;
}

bool symread_lookup(struct symread *r, unsigned long addr, struct symbol *out)
{
	Dwfl_Module *mod = dwfl_addrmodule(r->dwfl, addr);
	const char *modname, *name, *file;
	GElf_Off off = 0;
	GElf_Sym sym;
	Dwarf_Addr bias = 0, start = 0;
	Dwfl_Line *line;
	int lineno = 0;

	memset(out, 0, sizeof(*out));
	out->addr = addr;
	if (!mod)
		return false;
	modname = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL,
				   NULL);
	snprintf(out->object, sizeof(out->object), "%s",
		 modname ? modname : "");
	if (dwfl_module_getelf(mod, &bias))
		out->objoff = addr - bias;
	else
		out->objoff = addr - start;
	name = dwfl_module_addrinfo(mod, addr, &off, &sym, NULL, NULL, NULL);
	if (name) {
		demangle(name, out->func, sizeof(out->func));
		/* write@@GLIBC_2.2.5: the version is not the name. */
		out->func[strcspn(out->func, "@")] = '\0';
		out->off = off;
	}
	if (name) {
		char symname[SYMBOL_NAME_MAX];

		memcpy(symname, out->func, sizeof(symname));
		dwarf_name(mod, addr, out);
		if (strcmp(symname, out->func) != 0)
			memcpy(out->alias, symname, sizeof(out->alias));
	} else {
		dwarf_name(mod, addr, out);
		if (!out->func[0])
			plt_name(mod, addr, out);
	}
	line = dwfl_module_getsrc(mod, addr);
	if (line && (file = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL,
					  NULL))) {
		snprintf(out->file, sizeof(out->file), "%s", file);
		out->line = lineno;
	}
	return true;
}

/* Collects modules. */
struct modlist {
	struct module *mods;	/* growing */
	int n, cap;		/* used and allocated */
};

static int take_module(Dwfl_Module *mod, void **userdata, const char *name,
		       Dwarf_Addr start, void *arg)
{
	struct modlist *l = arg;
	struct module *m;
	Dwarf_Addr low, high, bias;

	(void)userdata;
	(void)start;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->mods = XRESIZEVEC(struct module, l->mods, l->cap);
	}
	m = &l->mods[l->n++];
	memset(m, 0, sizeof(*m));
	dwfl_module_info(mod, NULL, &low, &high, NULL, NULL, NULL, NULL);
	snprintf(m->name, sizeof(m->name), "%s", name ? name : "");
	/* "[vdso: 4242]": the same object in every process. */
	if (strncmp(m->name, "[vdso", 5) == 0)
		snprintf(m->name, sizeof(m->name), "[vdso]");
	m->low = low;
	m->high = high;
	m->debuginfo = dwfl_module_getdwarf(mod, &bias) != NULL;
	return DWARF_CB_OK;
}

static int by_low(const void *a, const void *b)
{
	const struct module *x = a, *y = b;

	return x->low < y->low ? -1 : x->low > y->low;
}

int symread_modules(struct symread *r, struct module **mods)
{
	struct modlist l = { 0 };

	dwfl_getmodules(r->dwfl, take_module, &l, 0);
	if (l.n)
		qsort(l.mods, (size_t)l.n, sizeof(*l.mods), by_low);
	*mods = l.mods;
	return l.n;
}
