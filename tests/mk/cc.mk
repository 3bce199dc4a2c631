# make -j2 of C files: cc1 allocates by its own address layout, under
# ASLR in every variant (brk is no meeting point).
objs := x1.o x2.o x3.o x4.o

all: $(objs)
	@echo $(words $(objs)) objects

x%.o: x.c
	cc -O2 -c -o $@ $<
