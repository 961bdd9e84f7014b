/*
 * A user address space as a sorted list of regions (VMAs), and the calls
 * that change it: mmap, munmap, mprotect, brk (Linux: mm/mmap.c,
 * mm/mprotect.c; Linux keeps VMAs in a maple tree, a list is enough to
 * read). Pages are not allocated here: a new region is only a promise that
 * mm/fault.c keeps on first touch (demand paging).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/mmu_gather.h>
#include <linux/pgtable.h>
#include <linux/slab.h>
#include <asm/mmu_context.h>
#include <uapi/mman.h>
#include <string.h>

static struct kmem_cache *vma_cachep, *mm_cachep;
LIST_HEAD(mm_list);		/* every user mm, for reclaim's page-table walks */
DEFINE_SPINLOCK(mm_list_lock);

static void mmap_caches_init(void)
{
	if (!vma_cachep) {
		vma_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					       SLAB_PANIC, NULL);
		mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0, SLAB_PANIC, NULL);
	}
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm;
	unsigned long flags;

	mmap_caches_init();
	mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL);
	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	mm->nr_pgtables = 1;
	INIT_LIST_HEAD(&mm->mmap);
	spin_lock_init(&mm->page_table_lock);
	mm->mm_users = 1;
	mm->mmap_base = USER_MMAP_BASE;
	spin_lock_irqsave(&mm_list_lock, flags);
	list_add_tail(&mm->mm_list, &mm_list);
	spin_unlock_irqrestore(&mm_list_lock, flags);
	return mm;
}

/* W^X for user memory too: a page may be writable or executable, not both. */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	switch (vm_flags & (VM_READ | VM_WRITE | VM_EXEC)) {
	case 0:
		return PAGE_NONE;
	case VM_READ:
		return PAGE_READONLY;
	case VM_EXEC:
	case VM_READ | VM_EXEC:
		return PAGE_READONLY_EXEC;
	default:		/* any combination with VM_WRITE (and not VM_EXEC) */
		return PAGE_SHARED;
	}
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr >= vma->vm_start && addr < vma->vm_end)
			return vma;
	return NULL;
}

static bool range_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (start < vma->vm_end && vma->vm_start < end)
			return false;
	return true;
}

static void vma_link(struct mm_struct *mm, struct vm_area_struct *new)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_start > new->vm_start)
			break;
	list_add_tail(&new->vm_list, &vma->vm_list);	/* before vma (or at the end) */
	mm->map_count++;
	mm->total_vm += (new->vm_end - new->vm_start) >> PAGE_SHIFT;
}

struct vm_area_struct *vma_add(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned long vm_flags, const char *name)
{
	struct vm_area_struct *vma;

	if (start >= end || (start | end) & ~PAGE_MASK || end > TASK_SIZE || !range_free(mm, start, end))
		return NULL;
	mmap_caches_init();
	vma = kmem_cache_alloc(vma_cachep, GFP_KERNEL);
	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_mm = mm;
	vma->name = name;
	vma_link(mm, vma);
	return vma;
}

static void vma_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	kmem_cache_free(vma_cachep, vma);
}

/* Split vma at addr: vma keeps [start, addr), a new VMA gets [addr, end). */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *tail;

	if (addr <= vma->vm_start || addr >= vma->vm_end)
		return 0;
	tail = kmem_cache_alloc(vma_cachep, GFP_KERNEL);
	if (!tail)
		return -ENOMEM;
	*tail = *vma;
	tail->vm_start = addr;
	vma->vm_end = addr;
	list_add(&tail->vm_list, &vma->vm_list);
	mm->map_count++;
	return 0;
}

/* Unmap the pages of [start, end) and flush, freeing them after the flush. */
static void zap_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, false);
	unmap_range(&tlb, mm, start, end);
	tlb_finish_mmu(&tlb);
}

long do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + ALIGN(len, PAGE_SIZE);
	struct vm_area_struct *vma;

	/* A length near 2^64 rounds up to 0 (Linux: PAGE_ALIGN(len) == 0 is -EINVAL). */
	if ((addr & ~PAGE_MASK) || len == 0 || ALIGN(len, PAGE_SIZE) == 0 || end > TASK_SIZE ||
	    end < addr)
		return -EINVAL;
restart:
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= addr || vma->vm_start >= end)
			continue;
		/* Cut off the parts outside [addr, end); they stay mapped. */
		if (vma->vm_start < addr) {
			if (split_vma(mm, vma, addr))
				return -ENOMEM;
			goto restart;
		}
		if (vma->vm_end > end && split_vma(mm, vma, end))
			return -ENOMEM;
		zap_range(mm, vma->vm_start, vma->vm_end);
		vma_free(mm, vma);
		goto restart;
	}
	return 0;
}

static unsigned long prot_to_vm_flags(int prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE | VM_READ : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Find room for len bytes below mm->mmap_base, top down (Linux's arch_get_unmapped_area_topdown). */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr = mm->mmap_base - len;
	struct vm_area_struct *vma;

	for (;;) {
		bool moved = false;

		list_for_each_entry(vma, &mm->mmap, vm_list) {
			if (addr < vma->vm_end && vma->vm_start < addr + len) {
				if (vma->vm_start < len + PAGE_SIZE)
					return 0;
				addr = vma->vm_start - len;
				moved = true;
			}
		}
		if (!moved)
			return addr > mm->brk ? addr : 0;
	}
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, int prot, int flags)
{
	unsigned long vm_flags;

	if (len == 0 || len > TASK_SIZE)
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EINVAL;		/* W^X: refused, see vm_get_page_prot */
	if (!(flags & MAP_ANONYMOUS) || !(flags & MAP_PRIVATE) || (flags & MAP_SHARED))
		return -EINVAL;		/* only private anonymous memory exists here */
	vm_flags = prot_to_vm_flags(prot) | VM_ANON;
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr + len > TASK_SIZE || addr + len < addr || addr < PAGE_SIZE)
			return -EINVAL;
		do_munmap(mm, addr, len);
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	if (!vma_add(mm, addr, addr + len, vm_flags, "[anon]"))
		return -ENOMEM;
	return (long)addr;
}

long do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len, int prot)
{
	unsigned long end = addr + ALIGN(len, PAGE_SIZE), vm_flags, a;
	struct vm_area_struct *vma;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (len == 0)
		return 0;
	/* Linux (do_mprotect_pkey): a length that wraps -- or rounds up to 0 -- is -ENOMEM. */
	if (end <= addr)
		return -ENOMEM;
	if (end > TASK_SIZE)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EINVAL;
	/* The whole range must be mapped (Linux: -ENOMEM otherwise). */
	for (a = addr; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (!vma)
			return -ENOMEM;
	}
	vm_flags = prot_to_vm_flags(prot);
	for (a = addr; a < end; a = vma->vm_end) {
		vma = find_vma(mm, a);
		if (split_vma(mm, vma, a))
			return -ENOMEM;
		vma = find_vma(mm, a);
		if (split_vma(mm, vma, end))
			return -ENOMEM;
		vma->vm_flags = (vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | vm_flags;
		vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
		change_protection(mm, vma->vm_start, vma->vm_end, vma->vm_page_prot);
	}
	return 0;
}

/*
 * brk: move the end of the heap (Linux: the brk syscall, do_brk_flags).
 * The heap is whatever VMAs lie in [start_brk, brk) rounded to pages -- not
 * necessarily one: mprotect or munmap of part of it splits it. So:
 *   shrink  unmap [new_end, old_end) like munmap, whatever pieces are there
 *   grow    [old_end, new_end) must be free; extend the VMA that ends at
 *           old_end if it is plain heap (anonymous, read-write), or add a
 *           new "[heap]" VMA after it
 */
long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end = ALIGN(mm->brk, PAGE_SIZE), new_end = ALIGN(brk, PAGE_SIZE);
	const unsigned long heap_flags = VM_READ | VM_WRITE | VM_ANON;

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return (long)mm->brk;		/* Linux returns the unchanged break */
	if (new_end > old_end) {
		struct vm_area_struct *prev = old_end > mm->start_brk ? find_vma(mm, old_end - 1) : NULL;

		if (!range_free(mm, old_end, new_end))
			return (long)mm->brk;
		if (prev && prev->vm_end == old_end && prev->vm_flags == heap_flags) {
			prev->vm_end = new_end;
			mm->total_vm += (new_end - old_end) >> PAGE_SHIFT;
		} else if (!vma_add(mm, old_end, new_end, heap_flags, "[heap]")) {
			return (long)mm->brk;
		}
	} else if (new_end < old_end) {
		if (do_munmap(mm, new_end, old_end - new_end))
			return (long)mm->brk;
	}
	mm->brk = brk;
	return (long)brk;
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *n;
	struct mmu_gather tlb;
	unsigned long flags;

	if (--mm->mm_users > 0)
		return;
	spin_lock_irqsave(&mm_list_lock, flags);
	list_del(&mm->mm_list);
	spin_unlock_irqrestore(&mm_list_lock, flags);
	tlb_gather_mmu(&tlb, mm, true);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		unmap_range(&tlb, mm, vma->vm_start, vma->vm_end);
	tlb_finish_mmu(&tlb);
	list_for_each_entry_safe(vma, n, &mm->mmap, vm_list)
		vma_free(mm, vma);
	free_pgd_range(mm->pgd, &mm->nr_pgtables);
	destroy_context(mm);
	kmem_cache_free(mm_cachep, mm);
}

void show_maps(struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		printk("%012lx-%012lx %c%c%cp %8lu kB  %s\n", vma->vm_start, vma->vm_end,
		       (vma->vm_flags & VM_READ) ? 'r' : '-', (vma->vm_flags & VM_WRITE) ? 'w' : '-',
		       (vma->vm_flags & VM_EXEC) ? 'x' : '-', (vma->vm_end - vma->vm_start) >> 10,
		       vma->name ? vma->name : "");
}
