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
#include <linux/rbtree.h>
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
	mm->mm_rb = RB_ROOT;
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
	case VM_EXEC:		/* no execute-only pages: see handle_mm_fault */
	case VM_READ | VM_EXEC:
		return PAGE_READONLY_EXEC;
	default:		/* any combination with VM_WRITE (and not VM_EXEC) */
		return PAGE_SHARED;
	}
}

/*
 * The VMAs twice: mm->mmap, the sorted list every walk follows, and
 * mm->mm_rb, a red-black tree keyed by vm_end, so that find_vma -- on every
 * page fault -- costs O(log n) instead of a scan of up to
 * vm.max_map_count VMAs (Linux before 6.1: mm->mm_rb beside mm->mmap,
 * vma_rb_insert/vma_rb_erase). Linux 6.1+ replaced both with the maple
 * tree, a B-tree built for RCU readers and many CPUs faulting at once;
 * here a learner can read the whole of lib/rbtree.c in one sitting, page
 * faults take no RCU path, and there is one CPU, so the simpler tree is
 * the better teacher. The two are changed together, under the same
 * conditions as the list: vma_rb_insert where a VMA is linked,
 * vma_rb_erase where it is unlinked. A split or a merge changes a vm_end
 * in place; that keeps the tree ordered because VMAs do not overlap -- the
 * new end still lies between the neighbours' ends.
 */
static void vma_rb_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (vma->vm_end < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_end)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
}

static void vma_rb_erase(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
}

/*
 * The VMA that contains addr, or NULL. (Linux's find_vma returns the first
 * VMA ending above addr even when addr lies in the gap below it; every
 * caller here wants containment, so the check is made here.) The search is
 * Linux's pre-6.1 one: the lowest vm_end above addr, then its vm_start.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);

		if (addr < vma->vm_end) {
			found = vma;
			if (addr >= vma->vm_start)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found && addr >= found->vm_start ? found : NULL;
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
	vma_rb_insert(mm, new);
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
	vma_rb_erase(mm, vma);
	mm->map_count--;
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	kmem_cache_free(vma_cachep, vma);
}

/*
 * vm.max_map_count (Linux: sysctl_max_map_count, DEFAULT_MAX_MAP_COUNT).
 * Linux's default, 65530, is kept: a VMA is ~80 bytes here, so a task at
 * the limit holds ~5 MiB of VMAs, which even a 128 MiB machine survives
 * (and the OOM killer sees it in total_vm); the limit is there to stop an
 * endless mprotect/munmap loop from turning all memory into VMAs, not to
 * bound ordinary programs.
 */
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

/*
 * Two VMAs that touch may become one when nothing but their ranges tells
 * them apart (Linux: is_mergeable_vma): the same flags, private anonymous
 * memory (nothing else is merged here: the stack grows down, and shared
 * memory would need its object compared), and the same kind -- "[heap]"
 * stays apart from an "[anon]" mmap beside it, "data" from "[heap]".
 */
static bool is_mergeable_vma(unsigned long flags_a, const char *name_a, unsigned long flags_b,
			     const char *name_b)
{
	if (flags_a != flags_b || !(flags_a & VM_ANON) || (flags_a & (VM_SHARED | VM_GROWSDOWN)))
		return false;
	return name_a == name_b || (name_a && name_b && strcmp(name_a, name_b) == 0);
}

/*
 * Fold together the VMAs that touch at an address in [start, end] and may
 * be merged (Linux: vma_merge(), now vma_merge_new_range() and
 * vma_merge_existing_range() in mm/vma.c). Linux merges before it creates
 * or splits, stretching a neighbour instead; here the change is made first
 * and the pieces are folded afterwards, which ends in the same list and is
 * simpler to read. Only boundaries inside the changed range can have become
 * mergeable: the list was merged everywhere else already.
 */
static void vma_merge(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma, *next;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end < start)
			continue;
		if (vma->vm_end > end)
			break;
		while (vma->vm_list.next != &mm->mmap) {
			next = list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
			if (next->vm_start != vma->vm_end || vma->vm_end > end ||
			    !is_mergeable_vma(vma->vm_flags, vma->name, next->vm_flags, next->name))
				break;
			list_del(&next->vm_list);
			vma_rb_erase(mm, next);		/* first: then vma's new end is still in order */
			vma->vm_end = next->vm_end;	/* total_vm is unchanged: same pages */
			mm->map_count--;
			kmem_cache_free(vma_cachep, next);
		}
	}
}

/*
 * Split vma at addr into [vm_start, addr) (vma itself) and [addr, vm_end)
 * (tail, allocated by the caller, so that a change that needs two splits
 * either makes both or neither). Returns tail. Linux: __split_vma().
 */
static struct vm_area_struct *__split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
					  unsigned long addr, struct vm_area_struct *tail)
{
	*tail = *vma;
	tail->vm_start = addr;
	vma->vm_end = addr;		/* smaller, still above the previous VMA's end: tree order kept */
	list_add(&tail->vm_list, &vma->vm_list);
	vma_rb_insert(mm, tail);
	mm->map_count++;
	return tail;
}

/* Unmap the pages of [start, end) and flush, freeing them after the flush. */
static void zap_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm, false);
	unmap_range(&tlb, mm, start, end);
	tlb_finish_mmu(&tlb);
}

/*
 * After munmap of [start, end): give back the page-table pages that now
 * translate only the hole between the VMAs on either side (Linux:
 * free_pgtables, called from unmap_region with the neighbours' boundaries as
 * floor and ceiling). Without it, a task that maps and touches sparse memory
 * and unmaps it keeps up to one PTE table per 2 MiB it ever touched -- 512
 * pages per GiB -- until it exits.
 */
static void free_hole_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long floor = 0, ceiling = 0;	/* 0: no VMA below / above */
	struct vm_area_struct *vma;
	struct mmu_gather tlb;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (vma->vm_end <= start) {
			floor = vma->vm_end;
		} else {
			ceiling = vma->vm_start;	/* the first VMA above: the hole ends here */
			break;
		}
	}
	tlb_gather_mmu(&tlb, mm, false);
	free_pgtables(&tlb, mm, start, end, floor, ceiling);
	tlb_finish_mmu(&tlb);
}

/*
 * One change to [start, end) of an address space: munmap, mmap (unmap then
 * map anew; also brk's growth) or mprotect. All three go through
 * vma_change_apply(), which first works out what the list will look like,
 * so that a change that would break vm.max_map_count or cannot get its
 * VMAs is refused before anything is touched. Linux gets there by other
 * means: it checks map_count in do_mmap, split_vma and
 * do_vmi_align_munmap, preallocates its maple-tree nodes
 * (vma_iter_prealloc), and gathers the VMAs to unmap before it frees any
 * (vms_gather_munmap_vmas).
 */
enum vma_change_op { VMA_UNMAP, VMA_MAP, VMA_PROTECT };

struct vma_change {
	enum vma_change_op op;
	unsigned long start, end;
	unsigned long vm_flags;		/* MAP: the new VMA's flags; PROTECT: the READ/WRITE/EXEC wanted */
	const char *name;		/* MAP: the new VMA's name */
};

#define VM_PROT_MASK	(VM_READ | VM_WRITE | VM_EXEC)

/* mprotect: the flags vma's part inside the range gets. */
static unsigned long vma_change_flags(const struct vma_change *c, const struct vm_area_struct *vma)
{
	return (vma->vm_flags & ~VM_PROT_MASK) | c->vm_flags;
}

/* Does the change touch vma (split it, remove it or change its flags)? */
static bool vma_changes(const struct vma_change *c, const struct vm_area_struct *vma)
{
	if (vma->vm_end <= c->start || vma->vm_start >= c->end)
		return false;
	return c->op != VMA_PROTECT || vma_change_flags(c, vma) != vma->vm_flags;
}

/* The list after the change, piece by piece, as vma_merge() will leave it. */
struct vma_count {
	int nr;				/* VMAs so far */
	bool new_done;			/* MAP: the new VMA is counted */
	bool have_last;
	unsigned long last_end, last_flags;
	const char *last_name;
};

static void vma_count_add(const struct vma_change *c, struct vma_count *n, unsigned long start,
			  unsigned long end, unsigned long flags, const char *name)
{
	if (!(n->have_last && n->last_end == start && start >= c->start && start <= c->end &&
	      is_mergeable_vma(n->last_flags, n->last_name, flags, name)))
		n->nr++;
	n->have_last = true;
	n->last_end = end;
	n->last_flags = flags;
	n->last_name = name;
}

/* Pieces come in address order; MAP's new VMA goes before the first piece above it. */
static void vma_count_piece(const struct vma_change *c, struct vma_count *n, unsigned long start,
			    unsigned long end, unsigned long flags, const char *name)
{
	if (start >= end)
		return;
	if (!n->new_done && start >= c->end) {
		vma_count_add(c, n, c->start, c->end, c->vm_flags, c->name);
		n->new_done = true;
	}
	vma_count_add(c, n, start, end, flags, name);
}

/* How many VMAs mm will have after c; *splits: how many __split_vma() calls it makes. */
static int vma_count_after(struct mm_struct *mm, const struct vma_change *c, int *splits)
{
	struct vma_count n = { .new_done = c->op != VMA_MAP };
	struct vm_area_struct *vma;

	*splits = 0;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (!vma_changes(c, vma)) {
			vma_count_piece(c, &n, vma->vm_start, vma->vm_end, vma->vm_flags, vma->name);
			continue;
		}
		*splits += (vma->vm_start < c->start) + (vma->vm_end > c->end);
		vma_count_piece(c, &n, vma->vm_start, min(vma->vm_end, c->start), vma->vm_flags, vma->name);
		if (c->op == VMA_PROTECT)
			vma_count_piece(c, &n, max(vma->vm_start, c->start), min(vma->vm_end, c->end),
					vma_change_flags(c, vma), vma->name);
		vma_count_piece(c, &n, max(vma->vm_start, c->end), vma->vm_end, vma->vm_flags, vma->name);
	}
	if (!n.new_done)
		vma_count_add(c, &n, c->start, c->end, c->vm_flags, c->name);
	return n.nr;
}

static long vma_change_apply(struct mm_struct *mm, const struct vma_change *c)
{
	struct vm_area_struct *spare[3], *vma, *next;
	int splits, nr_spare = 0, nr_after = vma_count_after(mm, c, &splits);
	int need = splits + (c->op == VMA_MAP);

	/*
	 * Growing past vm.max_map_count is -ENOMEM (Linux: do_mmap, split_vma);
	 * a change that leaves no more VMAs than before is always allowed, so
	 * that a task over a lowered limit can still unmap and mprotect back.
	 */
	if (nr_after > mm->map_count && nr_after > sysctl_max_map_count)
		return -ENOMEM;
	mmap_caches_init();
	while (nr_spare < need) {
		spare[nr_spare] = kmem_cache_alloc(vma_cachep, GFP_KERNEL);
		if (!spare[nr_spare]) {
			while (nr_spare)
				kmem_cache_free(vma_cachep, spare[--nr_spare]);
			return -ENOMEM;
		}
		nr_spare++;
	}
	/* Nothing below can fail. */
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		if (vma->vm_start >= c->end)
			break;
		if (!vma_changes(c, vma))
			continue;
		if (vma->vm_start < c->start)
			vma = __split_vma(mm, vma, c->start, spare[--nr_spare]);
		if (vma->vm_end > c->end)
			__split_vma(mm, vma, c->end, spare[--nr_spare]);
		if (c->op == VMA_PROTECT) {
			vma->vm_flags = vma_change_flags(c, vma);
			vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
			change_protection(mm, vma->vm_start, vma->vm_end, vma->vm_page_prot);
		} else {
			zap_range(mm, vma->vm_start, vma->vm_end);
			vma_free(mm, vma);
		}
	}
	if (c->op == VMA_MAP) {
		vma = spare[--nr_spare];
		vma->vm_start = c->start;
		vma->vm_end = c->end;
		vma->vm_flags = c->vm_flags;
		vma->vm_page_prot = vm_get_page_prot(c->vm_flags);
		vma->vm_mm = mm;
		vma->name = c->name;
		vma_link(mm, vma);
	}
	if (c->op == VMA_UNMAP)
		free_hole_pgtables(mm, c->start, c->end);
	vma_merge(mm, c->start, c->end);
	BUG_ON(nr_spare != 0);		/* every split was counted, or one went unallocated */
	WARN_ON(mm->map_count != nr_after);	/* vma_count_after() and vma_merge() disagree */
	return 0;
}

long do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	unsigned long end = addr + ALIGN(len, PAGE_SIZE);

	/* A length near 2^64 rounds up to 0 (Linux: PAGE_ALIGN(len) == 0 is -EINVAL). */
	if ((addr & ~PAGE_MASK) || len == 0 || ALIGN(len, PAGE_SIZE) == 0 || end > TASK_SIZE ||
	    end < addr)
		return -EINVAL;
	return vma_change_apply(mm, &(struct vma_change){ .op = VMA_UNMAP, .start = addr, .end = end });
}

static unsigned long prot_to_vm_flags(int prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE | VM_READ : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Find room for len bytes below mm->mmap_base, top down (Linux's arch_get_unmapped_area_topdown). */
static unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	unsigned long addr;
	struct vm_area_struct *vma;

	if (len > mm->mmap_base)
		return 0;		/* mmap_base - len would wrap */
	addr = mm->mmap_base - len;
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
	struct vma_change c = { .op = VMA_MAP, .name = "[anon]" };

	if (len == 0)
		return -EINVAL;
	/* Linux (do_mmap, get_unmapped_area): a length that wraps or exceeds the address space is -ENOMEM. */
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = ALIGN(len, PAGE_SIZE);
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if ((prot & PROT_WRITE) && (prot & PROT_EXEC))
		return -EINVAL;		/* W^X: refused, see vm_get_page_prot */
	if (!(flags & MAP_ANONYMOUS) || !(flags & MAP_PRIVATE) || (flags & MAP_SHARED))
		return -EINVAL;		/* only private anonymous memory exists here */
	c.vm_flags = prot_to_vm_flags(prot) | VM_ANON;
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr < PAGE_SIZE)
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
	} else {
		addr = get_unmapped_area(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	/* MAP_FIXED replaces what was there, in one step: on failure the old mapping stays. */
	c.start = addr;
	c.end = addr + len;
	return vma_change_apply(mm, &c) ?: (long)addr;
}

long do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len, int prot)
{
	unsigned long end = addr + ALIGN(len, PAGE_SIZE), a;
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
	/*
	 * Pieces whose flags do not change are left whole (Linux: mprotect_fixup
	 * returns early when newflags == oldflags), and whatever ends up equal
	 * to a neighbour is merged back: RW -> RO -> RW of a page is one VMA again.
	 */
	return vma_change_apply(mm, &(struct vma_change){ .op = VMA_PROTECT, .start = addr, .end = end,
							  .vm_flags = prot_to_vm_flags(prot) });
}

/*
 * brk: move the end of the heap (Linux: the brk syscall, do_brk_flags).
 * The heap is whatever VMAs lie in [start_brk, brk) rounded to pages -- not
 * necessarily one: mprotect or munmap of part of it splits it. So:
 *   shrink  unmap [new_end, old_end) like munmap, whatever pieces are there
 *   grow    [old_end, new_end) must be free; map it as "[heap]", which
 *           vma_merge() folds into the piece below if that is plain heap
 *           (anonymous, read-write)
 */
long do_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long old_end = ALIGN(mm->brk, PAGE_SIZE), new_end = ALIGN(brk, PAGE_SIZE);

	if (brk < mm->start_brk || brk > mm->mmap_base)
		return (long)mm->brk;		/* Linux returns the unchanged break */
	if (new_end > old_end) {
		if (!range_free(mm, old_end, new_end) ||
		    vma_change_apply(mm, &(struct vma_change){ .op = VMA_MAP, .start = old_end, .end = new_end,
							       .vm_flags = VM_READ | VM_WRITE | VM_ANON,
							       .name = "[heap]" }))
			return (long)mm->brk;
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
