/*
 * Spinlocks. The lock is real (an atomic exchange with acquire/release
 * ordering, which GCC turns into LDAXR/STLXR), so CPUs exclude each other
 * where they take the same lock (the call-function IPIs do, across all
 * CPUs). Tasks still run on CPU 0 only: which locks the memory manager
 * must take once they do not is the SMP issue's work (docs/smp.md). The
 * _irqsave forms also mask interrupts on this CPU, for state an interrupt
 * handler can reach.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

typedef struct {
	unsigned int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (READ_ONCE(l->locked))
			cpu_relax();
}

static inline bool spin_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return READ_ONCE(l->locked) != 0;
}

#define spin_lock_irqsave(l, flags) \
	do { flags = arch_local_irq_save(); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { spin_unlock(l); arch_local_irq_restore(flags); } while (0)

#endif
