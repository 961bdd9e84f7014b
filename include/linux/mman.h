/*
 * Address-space regions: VMAs, mmap/munmap/mprotect/brk (mm/mmap.c) and
 * the page-fault handler (mm/fault.c). Linux: include/linux/mm.h, mm/mmap.c,
 * mm/mprotect.c, mm/memory.c.
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/types.h>
#include <linux/mm_types_task.h>

/* User address-space layout. */
#define USER_STACK_TOP		0x0000fffffffff000UL	/* just below TASK_SIZE, one guard page */
#define USER_STACK_SIZE		(1UL << 20)		/* the stack VMA: 1 MiB, demand-paged */
#define USER_MMAP_BASE		0x0000ff0000000000UL	/* mmap grows down from here */

/*
 * vm.max_map_count: no mmap, mprotect, munmap or brk may leave an address
 * space with more VMAs than this (-ENOMEM, as Linux). Linux's default.
 */
#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;

struct mm_struct *mm_alloc(void);
/* Tear down everything: every mapping, swap entry, page-table page, VMA, the pgd, the ASID. */
void mmput(struct mm_struct *mm);

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* Add a VMA for [start, end) (page aligned, must not overlap). Returns it or NULL. */
struct vm_area_struct *vma_add(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned long vm_flags, const char *name);
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/* The system calls; each returns a result or -errno. */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, int prot, int flags);
long do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
long do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len, int prot);
long do_brk(struct mm_struct *mm, unsigned long brk);

/* Fault access types, from ESR. */
#define FAULT_FLAG_WRITE	0x1
#define FAULT_FLAG_INSTRUCTION	0x2
#define FAULT_FLAG_USER		0x4

enum fault_result {
	VM_FAULT_OK = 0,
	VM_FAULT_SIGSEGV,	/* no VMA, or the VMA forbids this access */
	VM_FAULT_OOM,		/* no memory for the page or its tables */
	VM_FAULT_SIGBUS,	/* the data could not be read back (swap corruption) */
};

/*
 * Resolve a fault at addr in mm: demand-zero, the zero page for reads,
 * access-flag and dirty updates, swap-in. Returns VM_FAULT_*; *why says
 * what was wrong for the report.
 */
enum fault_result handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags,
				  const char **why);

/* The shared read-only page of zeros every untouched anonymous read maps. */
extern struct page *zero_page;
void zero_page_init(void);

/* A fault on a swap entry: read the page back (mm/swap_state.c; Linux: mm/memory.c do_swap_page). */
enum fault_result do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
			       unsigned long addr, pte_t *ptep, pte_t orig, unsigned int flags);

/* Record a fault for the trace_faults= recorder (mm/fault_trace.c). */
void trace_fault(unsigned long addr);

/* Print mm's VMAs like /proc/PID/maps. */
void show_maps(struct mm_struct *mm);

#endif
