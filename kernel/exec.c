/*
 * Loading an embedded user program (ELF64, static, EM_AARCH64) into a new
 * address space (Linux: fs/binfmt_elf.c load_elf_binary, much reduced).
 * Each PT_LOAD segment becomes a VMA with the segment's permissions; its
 * file bytes are copied into freshly allocated pages now, the rest
 * (.bss) is left to demand paging. The stack is a VMA below USER_STACK_TOP
 * whose top page is filled with argc/argv now.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/pgtable.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/user_progs.h>
#include <string.h>
#include "exec.h"

#define EM_AARCH64	183
#define ET_EXEC		2
#define PT_LOAD		1
#define PF_X		1
#define PF_W		2
#define PF_R		4

struct elf64_hdr {
	unsigned char e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* A fresh page at addr of mm holding bytes from src (rest zero), with the VMA's protection. */
static int install_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
			const void *src, size_t off, size_t len)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO | __GFP_NOWARN);
	pte_t *ptep;

	if (!page)
		return -ENOMEM;
	ptep = pte_alloc(mm->pgd, addr, GFP_KERNEL, &mm->nr_pgtables);
	if (!ptep) {
		__free_page(page);
		return -ENOMEM;
	}
	if (len)
		memcpy((char *)page_address(page) + off, src, len);
	page->mapping = mm;
	page->index = addr;
	atomic_set(&page->_mapcount, 0);	/* first mapper of a page nobody else sees (Linux: page_add_new_anon_rmap) */
	SetPageSwapBacked(page);
	inc_mm_counter(mm, MM_ANONPAGES);
	lru_add_new_anon(page, mm, addr);
	/* Not zero-filled memory: it must reach swap if evicted, so it starts dirty. */
	set_pte_at(mm, addr, ptep, pte_mkdirty(pfn_pte(page_to_pfn(page), vma->vm_page_prot) | PTE_AF));
	return 0;
}

static int load_segment(struct mm_struct *mm, const u8 *image, size_t size, const struct elf64_phdr *ph)
{
	unsigned long start = ph->p_vaddr & PAGE_MASK, end = ALIGN(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned long file_end = ph->p_vaddr + ph->p_filesz;
	unsigned long vm_flags = VM_ANON | ((ph->p_flags & PF_R) ? VM_READ : 0) |
				 ((ph->p_flags & PF_W) ? VM_WRITE | VM_READ : 0) |
				 ((ph->p_flags & PF_X) ? VM_EXEC : 0);
	struct vm_area_struct *vma;

	if (ph->p_offset + ph->p_filesz > size || ph->p_filesz > ph->p_memsz ||
	    end > USER_MMAP_BASE || start < PAGE_SIZE || (vm_flags & VM_WRITE && vm_flags & VM_EXEC))
		return -ENOEXEC;
	vma = vma_add(mm, start, end, vm_flags,
		      (vm_flags & VM_EXEC) ? "text" : (vm_flags & VM_WRITE) ? "data" : "rodata");
	if (!vma)
		return -ENOEXEC;
	/* Pages holding file bytes are filled now; pure .bss pages fault in as zeros. */
	for (unsigned long a = start; a < end && a < file_end; a += PAGE_SIZE) {
		unsigned long from = max(a, (unsigned long)ph->p_vaddr), to = min(a + PAGE_SIZE, file_end);
		int err = install_page(mm, vma, a, image + ph->p_offset + (from - ph->p_vaddr),
				       from - a, to - from);

		if (err)
			return err;
	}
	if (file_end > mm->end_data)
		mm->end_data = end;
	return 0;
}

/* argc, argv pointers and the strings, at the top of the stack (layout in user/lib/crt0.S). */
static int setup_stack(struct mm_struct *mm, int argc, char *const argv[], unsigned long *sp_out,
		       unsigned long *argv_out)
{
	struct vm_area_struct *vma = vma_add(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
					     VM_READ | VM_WRITE | VM_ANON | VM_GROWSDOWN, "[stack]");
	unsigned long top = USER_STACK_TOP - PAGE_SIZE, strings, sp;
	u64 frame[EXEC_MAX_ARGS + 2];
	char page[PAGE_SIZE];
	size_t used = 0;

	if (!vma)
		return -ENOMEM;
	if (argc > EXEC_MAX_ARGS)
		return -E2BIG;
	memset(page, 0, sizeof(page));
	/* Strings at the very top of the page. */
	strings = PAGE_SIZE;
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;

		if (used + len > EXEC_MAX_ARG_BYTES)
			return -E2BIG;
		used += len;
		strings -= len;
		memcpy(page + strings, argv[i], len);
		frame[1 + i] = top + strings;
	}
	frame[0] = (u64)argc;
	frame[argc + 1] = 0;
	sp = ALIGN_DOWN(strings - (argc + 2) * 8, 16);
	memcpy(page + sp, frame, (argc + 2) * 8);
	mm->start_stack = top + sp;
	*sp_out = top + sp;
	*argv_out = top + sp + 8;
	return install_page(mm, vma, top, page, 0, PAGE_SIZE);
}

int exec_load(struct mm_struct *mm, const char *name, int argc, char *const argv[], struct exec_entry *entry)
{
	const struct user_prog *prog = find_user_prog(name);
	const struct elf64_hdr *eh;
	unsigned long end = 0;
	int err;

	if (!prog)
		return -ENOENT;
	eh = prog->start;
	if (prog->size < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != 2 ||
	    eh->e_machine != EM_AARCH64 || eh->e_type != ET_EXEC || eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phoff + eh->e_phnum * sizeof(struct elf64_phdr) > prog->size) {
		printk("exec: %s is not a static AArch64 ELF executable\n", name);
		return -ENOEXEC;
	}
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = (const struct elf64_phdr *)((const u8 *)prog->start + eh->e_phoff) + i;

		if (ph->p_type != PT_LOAD)
			continue;
		err = load_segment(mm, prog->start, prog->size, ph);
		if (err) {
			printk("exec: %s: cannot load segment %d (%d)\n", name, i, err);
			return err;
		}
		end = max(end, ALIGN(ph->p_vaddr + ph->p_memsz, PAGE_SIZE));
		if (ph->p_flags & PF_X) {
			mm->start_code = ph->p_vaddr;
			mm->end_code = ph->p_vaddr + ph->p_memsz;
		}
	}
	mm->start_brk = mm->brk = end;
	entry->pc = eh->e_entry;
	return setup_stack(mm, argc, argv, &entry->sp, &entry->argv);
}
