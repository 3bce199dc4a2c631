# mvdb — a multi-variant execution debugger for Linux x86-64.
#
#   make            build ./mvdb
#   make check      build and run every test (Check suites, end to end,
#                   then tests/repeat.sh: programs whose signals come at
#                   different points in each variant, 100 runs each, and
#                   Python's threads and processes, 10 runs each)
#   make asan       the same under AddressSanitizer + UBSan
#   make bench      speed and memory-access figures against native and strace
#   make demo       build and open mvdb's screen on the ldso demonstration
#                   (NAME=collision, aslr-leak, exploit, world, fork: another)
#   make demos      build the demonstrations (mvdb --demo lists them)
#   make install    PREFIX=/usr/local DESTDIR=
#   make deps       install missing Debian packages (apt-get)

PREFIX ?= /usr/local
BUILD ?= build
CC ?= cc
SAN ?=

PKGS := ncursesw readline check
CPPFLAGS += -D_GNU_SOURCE -Iengine -Icommands -Itui -I/usr/include/libiberty
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu2x -Wall -Wextra -Werror -Wno-missing-field-initializers
ifeq ($(SAN),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)
CURSES_LIBS = $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
READLINE_LIBS = -lreadline
IBERTY_LIBS = -liberty
# Symbols and stacks (elfutils' libdw), disassembly (Capstone).
DW_LIBS = $(shell pkg-config --libs libdw 2>/dev/null || echo -ldw -lelf)
ENGINE_LIBS = $(DW_LIBS) -lcapstone $(IBERTY_LIBS)

ENGINE_SRC := $(wildcard engine/*.c)
COMMANDS_SRC := $(wildcard commands/*.c)
TUI_SRC := $(filter-out tui/main.c,$(wildcard tui/*.c))
TEST_SRC := $(wildcard tests/*.c)
TRACEE_SRC := $(wildcard tests/tracees/*.c)
BENCH_SRC := $(wildcard bench/*.c)

ENGINE_OBJ := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
COMMANDS_OBJ := $(COMMANDS_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ := $(TUI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
TRACEES := $(TRACEE_SRC:tests/tracees/%.c=$(BUILD)/tracees/%) $(BUILD)/tracees/alt_alt \
	$(BUILD)/tracees/bt_alt $(BUILD)/tracees/bt_cxx $(BUILD)/tracees/dbglink \
	$(BUILD)/tracees/net_serve_alt
BENCHES := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

ENGINE_LIB := $(BUILD)/libmvdb-engine.a
COMMANDS_LIB := $(if $(COMMANDS_SRC),$(BUILD)/libmvdb-commands.a)
MVDB := $(if $(filter build,$(BUILD)),mvdb,$(BUILD)/mvdb)

.PHONY: all check asan bench demo demos deps install uninstall clean tracees fuzz FORCE

all: $(MVDB) demos

$(BUILD)/%.o: %.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tests/%.o: CFLAGS += $(CHECK_CFLAGS)

$(ENGINE_LIB): $(ENGINE_OBJ)
	rm -f $@ && ar rcs $@ $^

$(COMMANDS_LIB): $(COMMANDS_OBJ)
	rm -f $@ && ar rcs $@ $^

$(MVDB): $(BUILD)/tui/main.o $(TUI_OBJ) $(COMMANDS_LIB) $(ENGINE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(READLINE_LIBS) $(CURSES_LIBS) $(ENGINE_LIBS)

# Tracee programs: plain, small, no sanitizer (they run under ptrace).
$(BUILD)/tracees/%: tests/tracees/%.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $< -lpthread

$(BUILD)/tracees/alt_alt: tests/tracees/alt.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -DALT -o $@ $<

$(BUILD)/tracees/bt_alt: tests/tracees/bt.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -DALT -o $@ $<

$(BUILD)/tracees/net_serve_alt: tests/tracees/net_serve.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -DALT -o $@ $<

# Without debug information, but with a debug link to dbglink.debug:
# the tests put a FIFO there, which the monitor must never open.
$(BUILD)/tracees/dbglink: tests/tracees/hello.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -Wall -Wextra -Werror -o $@ $<
	echo > $@.debug && objcopy --add-gnu-debuglink=$@.debug $@ && rm -f $@.debug

# C++, for demangled names in bt.
$(BUILD)/tracees/bt_cxx: tests/tracees/cxx/bt.cc $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	c++ -O1 -g -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tracees/demo: tests/tracees/demo.c $(BUILD)/tracees/libdemo.so
	cc -O1 -g -Wall -Wextra -Werror -o $@ $< -L$(BUILD)/tracees -ldemo -Wl,-rpath,'$$ORIGIN'

$(BUILD)/tracees/libdemo.so: tests/tracees/lib/demo.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O1 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $<

tracees: $(TRACEES)

# Demonstrations (mvdb --demo NAME): programs built plainly, as the
# tracees, and their scripts, together in one directory that
# make install copies.  mvdb finds it through demo_dirs.h.
DEMO_DIR := $(PREFIX)/lib/mvdb/demos
DEMO_CC = cc -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE
DEMO_PROGS := $(addprefix $(BUILD)/demos/,ldso collision aslr-leak world fork \
	exploit exploit-pad)
DEMO_DATA := $(BUILD)/demos/exploit.input \
	$(patsubst demos/%,$(BUILD)/demos/%,$(wildcard demos/*.mvdb))
# The exploit's two builds: no stack protector, fixed code addresses,
# no control-flow protection or fortified read to get in the way.
EXPLOIT_CFLAGS = -fno-stack-protector -no-pie -fcf-protection=none \
	-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=0

demos: $(DEMO_PROGS) $(DEMO_DATA)

$(BUILD)/demos/%: demos/%.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(DEMO_CC) -o $@ $<

$(BUILD)/demos/ldso: demos/ldso.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(DEMO_CC) -o $@ $< -lm

$(BUILD)/demos/exploit: demos/exploit.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(DEMO_CC) $(EXPLOIT_CFLAGS) -o $@ $<

$(BUILD)/demos/exploit-pad: demos/exploit.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(DEMO_CC) $(EXPLOIT_CFLAGS) -DPAD=256 -o $@ $<

# The input is crafted against this build of exploit: win()'s address,
# as nm reads it, so it follows the compiler.
$(BUILD)/exploit-input: demos/exploit-input.c $(BUILD)/.deps-ok
	$(DEMO_CC) -o $@ $<

$(BUILD)/demos/exploit.input: $(BUILD)/demos/exploit $(BUILD)/exploit-input
	addr=$$(nm $< | awk '$$3 == "win" { print $$1 }') && \
		$(BUILD)/exploit-input "$$addr" > $@.tmp && mv $@.tmp $@

$(BUILD)/demos/%.mvdb: demos/%.mvdb
	@mkdir -p $(dir $@)
	cp $< $@

# Where mvdb looks for the demos: the installed directory, and this
# build's while it runs from here; rewritten only when they change.
$(BUILD)/demo_dirs.h: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' '/* Made by the Makefile. */' \
		'#define MVDB_DEMO_DIR "$(DEMO_DIR)"' \
		'#define MVDB_BUILD_EXE "$(abspath $(MVDB))"' \
		'#define MVDB_BUILD_DEMO_DIR "$(abspath $(BUILD)/demos)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(BUILD)/tui/demos.o: $(BUILD)/demo_dirs.h
$(BUILD)/tui/demos.o: CPPFLAGS += -I$(BUILD)

$(BUILD)/check_mvdb: $(TEST_OBJ) $(TUI_OBJ) $(COMMANDS_LIB) $(ENGINE_LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(READLINE_LIBS) $(CURSES_LIBS) $(ENGINE_LIBS)

# The bench programs are built too, so that an engine change that breaks
# them is seen (not under the sanitizers: they link the plain way).
check: $(MVDB) $(BUILD)/check_mvdb tracees demos $(if $(SAN),,$(BENCHES))
	MVDB=$(abspath $(MVDB)) TRACEES=$(abspath $(BUILD)/tracees) \
		$(BUILD)/check_mvdb
	MVDB=$(abspath $(MVDB)) TRACEES=$(abspath $(BUILD)/tracees) \
		RUNS=$(if $(SAN),20,100) sh tests/repeat.sh

asan:
	$(MAKE) BUILD=build-asan SAN=1 check

$(BUILD)/bench/%: bench/%.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	cc -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -Iengine -I/usr/include/libiberty -o $@ $< $(if $(filter memread,$*),$(ENGINE_LIB) $(ENGINE_LIBS),)

$(BUILD)/bench/memread: $(ENGINE_LIB)

bench: $(MVDB) $(BENCHES) $(BUILD)/tracees/plat_forkloop \
	$(BUILD)/tracees/srv_echo $(BUILD)/tracees/srv_client
	BUILD=$(BUILD) MVDB=./$(MVDB) sh bench/run.sh
	MVDB=./$(MVDB) sh bench/real.sh
	BUILD=$(BUILD) MVDB=./$(MVDB) sh bench/forks.sh

NAME ?= ldso
demo: $(MVDB) demos
	./$(MVDB) --demo $(NAME)

# Missing Debian packages are installed once; the stamp remembers.
$(BUILD)/.deps-ok:
	@sh tools/deps.sh
	@mkdir -p $(BUILD) && touch $@

deps:
	@sh tools/deps.sh

install: $(MVDB) demos
	install -D -m 0755 $(MVDB) $(DESTDIR)$(PREFIX)/bin/mvdb
	install -D -m 0644 doc/mvdb.1 $(DESTDIR)$(PREFIX)/share/man/man1/mvdb.1
	install -d $(DESTDIR)$(DEMO_DIR)
	install -m 0755 $(DEMO_PROGS) $(DESTDIR)$(DEMO_DIR)
	install -m 0644 $(DEMO_DATA) $(DESTDIR)$(DEMO_DIR)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mvdb $(DESTDIR)$(PREFIX)/share/man/man1/mvdb.1
	rm -rf $(DESTDIR)$(DEMO_DIR)
	-rmdir $(DESTDIR)$(PREFIX)/lib/mvdb

# libFuzzer target for the command parser and the expression evaluator
# (clang); runs FUZZ_TIME seconds, corpus in build/fuzz/corpus.
FUZZ_TIME ?= 60
build/fuzz/fuzz_commands: fuzz/fuzz_commands.c $(COMMANDS_SRC) $(ENGINE_SRC) $(wildcard commands/*.h engine/*.h engine/*.def)
	@mkdir -p build/fuzz/corpus
	clang $(CPPFLAGS) -std=gnu2x -g -O1 -fsanitize=fuzzer,address,undefined -o $@ fuzz/fuzz_commands.c $(COMMANDS_SRC) $(ENGINE_SRC) $(ENGINE_LIBS)

fuzz: build/fuzz/fuzz_commands
	build/fuzz/fuzz_commands -max_total_time=$(FUZZ_TIME) -max_len=256 build/fuzz/corpus fuzz/seeds

clean:
	rm -rf build build-asan mvdb

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
