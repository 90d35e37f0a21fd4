/* oom_hook.cc — replaces the global operator new for the OOM test: after
 * vn_test_oom_countdown more allocations, the next one throws bad_alloc.
 * Every C++ allocation in the process comes here, Xapian's included. */
#include <cstdlib>
#include <new>

extern "C" {
long vn_test_oom_countdown = -1;   /* < 0: never fail */
long vn_test_oom_failed = 0;       /* how many allocations were failed */
}

static void *checked_alloc(std::size_t n)
{
	if (vn_test_oom_countdown >= 0 && vn_test_oom_countdown-- == 0) {
		vn_test_oom_failed++;
		return nullptr;
	}
	return std::malloc(n ? n : 1);
}

void *operator new(std::size_t n)
{
	void *p = checked_alloc(n);
	if (p == nullptr)
		throw std::bad_alloc();
	return p;
}

void *operator new[](std::size_t n)
{
	return operator new(n);
}

void *operator new(std::size_t n, const std::nothrow_t &) noexcept
{
	return checked_alloc(n);
}

void *operator new[](std::size_t n, const std::nothrow_t &) noexcept
{
	return checked_alloc(n);
}

void operator delete(void *p) noexcept
{
	std::free(p);
}

void operator delete[](void *p) noexcept
{
	std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
	std::free(p);
}

void operator delete[](void *p, std::size_t) noexcept
{
	std::free(p);
}
