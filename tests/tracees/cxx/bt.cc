// Writes from inside a method of a class in a namespace and a template,
// so bt shows demangled C++ names (shapes::Square::report() const).
#include <cstring>
#include <unistd.h>

namespace shapes {

struct Square {
	int side;
	__attribute__((noinline)) void report(const char *text) const
	{
		write(1, text, strlen(text));
		__asm__ volatile("");
	}
};

template <typename T> __attribute__((noinline)) void show(const T &shape)
{
	shape.report("a square\n");
	__asm__ volatile("");
}

} // namespace shapes

int main()
{
	shapes::Square sq{ 3 };

	shapes::show(sq);
	return 0;
}
