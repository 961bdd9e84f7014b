/*
 * Atomic counters with Linux's names and ordering rules (include/linux/atomic.h,
 * Documentation/atomic_t.txt), built on GCC's __atomic builtins.
 *
 * How they compile: the kernel is built -march=armv8-a -mno-outline-atomics,
 * so every read-modify-write below becomes an exclusive-monitor loop,
 * LDXR/STXR (LDAXR/STLXR with a DMB for the fully ordered forms), inline.
 * Linux on arm64 uses the ARMv8.1 LSE instructions (LDADD, SWP, CAS...)
 * where the CPU has them: it compiles the LL/SC loop and patches the LSE
 * form in at boot through the alternatives framework when every CPU
 * reports ID_AA64ISAR0_EL1.Atomic (arch/arm64/include/asm/atomic_lse.h,
 * atomic_ll_sc.h). Cortex-A72 (raspi4b) is ARMv8.0 and has no LSE, so the
 * loop is what it would run anyway. The host build gets the same builtins
 * compiled for the host CPU.
 *
 * Ordering, as Documentation/atomic_t.txt:
 *   - atomic_read/atomic_set: plain single-copy-atomic accesses, no order
 *     (READ_ONCE/WRITE_ONCE);
 *   - void RMW ops (atomic_inc, atomic_add, ...): atomic but relaxed;
 *   - value-returning RMW ops (atomic_*_return, atomic_dec_and_test,
 *     atomic_inc_and_test, atomic_xchg, a successful atomic_cmpxchg): fully
 *     ordered, as if an smp_mb() stood before and after.
 * A failed atomic_cmpxchg orders nothing (Linux: the same).
 *
 * "Fully ordered" is built as Linux's arm64 LL/SC atomics build it
 * (arch/arm64/include/asm/atomic_ll_sc.h): a release RMW (LDXR ... STLXR)
 * followed by DMB ISH, here __ATOMIC_RELEASE and __atomic_thread_fence.
 * GCC's __ATOMIC_SEQ_CST RMW is not enough: it gives LDAXR/STLXR with no
 * barrier after, which is sequentially consistent only against other
 * SEQ_CST atomics and lets a later plain load be satisfied before the
 * STLXR is visible, which a full barrier forbids.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/compiler.h>
#include <linux/types.h>

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

/*
 * One body for both widths: T is the struct, C the counter type, P the
 * name prefix (atomic / atomic_long).
 */
#define __ATOMIC_OPS(T, C, P)							\
static __always_inline C P##_read(const T *v)					\
{										\
	return READ_ONCE(v->counter);						\
}										\
static __always_inline void P##_set(T *v, C i)					\
{										\
	WRITE_ONCE(v->counter, i);						\
}										\
static __always_inline void P##_add(C i, T *v)					\
{										\
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);			\
}										\
static __always_inline void P##_sub(C i, T *v)					\
{										\
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);			\
}										\
static __always_inline void P##_inc(T *v)					\
{										\
	P##_add(1, v);								\
}										\
static __always_inline void P##_dec(T *v)					\
{										\
	P##_sub(1, v);								\
}										\
static __always_inline C P##_add_return(C i, T *v)				\
{										\
	C ret = __atomic_add_fetch(&v->counter, i, __ATOMIC_RELEASE);		\
										\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);				\
	return ret;								\
}										\
static __always_inline C P##_sub_return(C i, T *v)				\
{										\
	C ret = __atomic_sub_fetch(&v->counter, i, __ATOMIC_RELEASE);		\
										\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);				\
	return ret;								\
}										\
static __always_inline C P##_inc_return(T *v)					\
{										\
	return P##_add_return(1, v);						\
}										\
static __always_inline C P##_dec_return(T *v)					\
{										\
	return P##_sub_return(1, v);						\
}										\
static __always_inline bool P##_dec_and_test(T *v)				\
{										\
	return P##_sub_return(1, v) == 0;					\
}										\
static __always_inline bool P##_inc_and_test(T *v)				\
{										\
	return P##_add_return(1, v) == 0;					\
}										\
static __always_inline bool P##_add_negative(C i, T *v)			\
{										\
	return P##_add_return(i, v) < 0;					\
}										\
static __always_inline C P##_xchg(T *v, C new)					\
{										\
	C ret = __atomic_exchange_n(&v->counter, new, __ATOMIC_RELEASE);	\
										\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);				\
	return ret;								\
}										\
/* Returns the value found: new was stored iff it equals old. */		\
static __always_inline C P##_cmpxchg(T *v, C old, C new)			\
{										\
	if (__atomic_compare_exchange_n(&v->counter, &old, new, false,		\
					__ATOMIC_RELEASE, __ATOMIC_RELAXED))	\
		__atomic_thread_fence(__ATOMIC_SEQ_CST);			\
	return old;								\
}

__ATOMIC_OPS(atomic_t, int, atomic)
__ATOMIC_OPS(atomic_long_t, long, atomic_long)

#undef __ATOMIC_OPS

#endif
