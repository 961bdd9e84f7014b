/*
 * The first instructions. The loader (QEMU, U-Boot booti, the Raspberry Pi
 * firmware) jumps to the start of the image with the MMU off and
 *   x0 = physical address of the device tree blob, x1..x3 = 0
 * (Linux's Documentation/arch/arm64/booting.rst). We do not know where we
 * were loaded, so until the MMU is on everything here is PC-relative.
 *
 * Sequence (Linux: arch/arm64/kernel/head.S, primary_entry):
 *   1. at EL2, configure EL2 so EL1 can run, and drop to EL1
 *   2. clear BSS, take the boot stack
 *   3. build early page tables (boot/early_map.c): the image in the high half
 *      with W^X, the DTB at FDT_VIRT, and an identity map of .idmap.text
 *   4. turn the MMU on (from the identity map) and jump to the high half
 *   5. drop the identity map and call start_kernel(dtb physical address)
 */
#include <asm/assembler.h>
#include <asm/sysreg.h>
#include <asm/memory.h>
#include <asm/smp.h>

	.section .head.text, "ax"
/* The arm64 Image header (booting.rst), 64 bytes. */
	.globl	_head
_head:
	b	primary_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset: loaders place us 2 MiB-aligned (+0) */
	.quad	_kernel_size		/* image_size, including BSS and early page tables */
	.quad	0xa			/* flags: LE, 4K pages (bits 2:1 = 01), anywhere (bit 3) */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 (PE header offset: no EFI stub) */

primary_entry:
	mov	x19, x0			/* x19 = DTB physical address, kept to the end */
	bl	el2_to_el1		/* w20 = the exception level we entered at */

	/* 2. Clear BSS. MMU off means Device memory: only aligned stores. */
	adr_l	x0, __bss_start
	adr_l	x1, _end		/* includes the early page-table pool */
1:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b

	adr_l	x0, init_stack_top
	mov	sp, x0
	mov	x29, xzr

	/* Record how we booted, for the banner. */
	adr_l	x0, boot_entry_el
	str	w20, [x0]
	adr_l	x0, boot_dtb_pa
	str	x19, [x0]

	/* 3. Early page tables. */
	adr_l	x0, _text		/* physical address we were loaded at */
	mov	x1, x19
	bl	early_map_kernel

	/*
	 * The tables were written with the MMU (and so the D-cache) off, straight
	 * to memory. The walker will read them through the cache: discard any
	 * stale lines first (Linux does the same after __create_page_tables).
	 */
	adr_l	x0, __bss_start
	adr_l	x1, _end
	bl	dcache_inval_poc

	/* 4. MMU on; __enable_mmu continues at our link address in the high half. */
	b	__enable_mmu

/*
 * Entered at EL2: give EL1 an AArch64, un-trapped environment and eret to
 * it with all exceptions masked. Entered at EL1: nothing to do.
 * Returns w20 = entry EL (1 or 2).
 */
el2_to_el1:
	mrs	x0, CurrentEL
	cmp	x0, #CurrentEL_EL2
	b.eq	1f
	mov	w20, #1
	ret
1:	mov	w20, #2
	mov_q	x0, HCR_EL2_RW		/* EL1 is AArch64; nothing else traps to EL2 */
	msr	hcr_el2, x0
	mov	x0, #(CNTHCTL_EL2_EL1PCTEN | CNTHCTL_EL2_EL1PCEN)
	msr	cnthctl_el2, x0		/* EL1 may use the physical counter/timer */
	msr	cntvoff_el2, xzr	/* virtual counter == physical counter */
	mov	x0, #CPTR_EL2_RES1	/* no FP/SIMD traps to EL2 */
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	/* A GICv3 CPU interface: let EL1 use its system registers (ICC_SRE_EL2). */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x0, 2f
	mrs	x0, S3_4_C12_C9_5	/* ICC_SRE_EL2 */
	mov	x1, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE)
	orr	x0, x0, x1
	msr	S3_4_C12_C9_5, x0
	isb
	msr	S3_4_C12_C11_0, xzr	/* ICH_HCR_EL2: no virtual interrupts */
2:	mov_q	x0, SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0
	mov	x0, #(PSR_DAIF_MASK | PSR_MODE_EL1h)
	msr	spsr_el2, x0
	msr	elr_el2, x30		/* "return" to our caller, at EL1 */
	eret

/*
 * A secondary CPU enters here, MMU off, at the physical address the boot CPU
 * handed to PSCI CPU_ON or wrote into the core's spin-table release word
 * (arch/arm64/kernel/smp.c, __cpu_up). Linux: secondary_entry in head.S.
 * Like the boot CPU it may arrive at EL2 (the Pi firmware, U-Boot, QEMU's
 * PSCI with virtualization=on) and drops to EL1 the same way; then
 * __secondary_enable_mmu turns the MMU on with the kernel's final tables.
 * x0 (PSCI context_id, or whatever the spin-table loop left) is ignored:
 * the boot CPU brings up one CPU at a time, so secondary_data describes us.
 */
	.globl	secondary_entry
secondary_entry:
	bl	el2_to_el1
	b	__secondary_enable_mmu

/*
 * Where a spin-table core goes when it is not brought up
 * (nosmp, maxcpus=, or an interrupt controller that cannot send IPIs:
 * arch/arm64/kernel/smp_spin_table.c): MMU off, at whatever EL the firmware
 * left it in. WFI with every exception masked stops the core for good; nothing
 * routes an interrupt to it, and the firmware's WFE loop it leaves was
 * busy polling (under QEMU's TCG, a host thread at 100%).
 */
	.globl	secondary_park
secondary_park:
	msr	daifset, #0xf
1:	wfi
	b	1b

/* Invalidate data cache lines [x0, x1) to the point of coherency. */
dcache_inval_poc:
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* CTR_EL0.DminLine: log2(words) of the smallest line */
	mov	x2, #4
	lsl	x2, x2, x3		/* line size in bytes */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret

/*
 * Turn the MMU on and jump to the high half. Runs from the identity map:
 * the instruction after the SCTLR write is fetched through the new tables
 * at the same (physical) address, so this code must be identity mapped.
 */
	.section .idmap.text, "ax"
__enable_mmu:
	mov_q	x0, MAIR_EL1_VALUE
	msr	mair_el1, x0
	/* TCR: 48-bit VA both halves, 4K granule, IPS from the CPU's PARange. */
	mov_q	x0, TCR_KERNEL_FLAGS
	mrs	x1, id_aa64mmfr0_el1
	and	x2, x1, #ID_AA64MMFR0_PARANGE_MASK
	cmp	x2, #5			/* cap at 48 bits: our tables map no more */
	mov	x3, #5
	csel	x2, x2, x3, ls
	bfi	x0, x2, #TCR_IPS_SHIFT, #3
	ubfx	x2, x1, #ID_AA64MMFR0_ASIDBITS_SHIFT, #4
	cmp	x2, #2			/* ASIDBits == 0b0010: 16-bit ASIDs */
	b.ne	1f
	orr	x0, x0, #TCR_AS
1:	msr	tcr_el1, x0
	adr_l	x0, init_idmap_pg_dir
	msr	ttbr0_el1, x0
	adr_l	x0, init_pg_dir
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1			/* nothing stale from the firmware */
	dsb	nsh
	isb
	mov_q	x0, SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu			/* fetches made with the MMU off may be stale */
	dsb	nsh
	isb
	ldr	x8, =__primary_switched	/* absolute: the link (virtual) address */
	br	x8
	.ltorg

/*
 * The secondary CPU's MMU-on, in the identity map like __enable_mmu. The
 * boot CPU wrote secondary_data with its caches on and cleaned it to the
 * point of coherency (smp.c), so these loads with the MMU and caches off see
 * it; adr_l is PC-relative, so it gives the physical address here.
 *   MAIR_EL1   the same constant as the boot CPU
 *   TCR_EL1    the boot CPU's final value (paging_init: IPS, AS, HA/HD, EPD0 = 0)
 *   TTBR0_EL1  init_idmap_pg_dir, only while this page turns the MMU on
 *   TTBR1_EL1  swapper_pg_dir: the kernel's final tables, not the boot ones
 *   SCTLR_EL1  the boot CPU's value (M, C, I, SA, and SPAN clear if PAN is on)
 * (ARM ARM D8, the VMSA; D17.2 describes each register.)
 */
__secondary_enable_mmu:
	adr_l	x21, secondary_data
	mov_q	x0, MAIR_EL1_VALUE
	msr	mair_el1, x0
	ldr	x0, [x21, #SECONDARY_DATA_TCR]
	msr	tcr_el1, x0
	adr_l	x0, init_idmap_pg_dir
	msr	ttbr0_el1, x0
	ldr	x0, [x21, #SECONDARY_DATA_TTBR1]
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1			/* this core's TLB: nothing from the firmware */
	dsb	nsh
	isb
	ldr	x0, [x21, #SECONDARY_DATA_SCTLR]
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x8, =__secondary_switched
	br	x8
	.ltorg

	.text
/* Now at the link address, in the high half. */
__primary_switched:
	adr_l	x0, init_stack_top	/* the same stack, by its virtual address */
	mov	sp, x0
	adr_l	x0, vectors
	msr	vbar_el1, x0
	isb
	/*
	 * 5. The identity map is no longer needed: stop TTBR0 walks (TCR_EL1.EPD0)
	 * and forget any TLB entries it produced. TTBR0 stays empty until the
	 * first user task gets its own tables.
	 */
	mrs	x0, tcr_el1
	orr	x0, x0, #TCR_EPD0
	msr	tcr_el1, x0
	msr	ttbr0_el1, xzr
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x19
	bl	start_kernel
1:	wfe
	b	1b

/*
 * A secondary CPU, now at the link address: the vectors, the stack and
 * cpu_info the boot CPU prepared (secondary_data, read through the cache
 * now), TPIDR_EL1, then secondary_start_kernel(), which never returns.
 * TTBR0 still points at the identity map: secondary_start_kernel switches
 * it to the reserved empty table first thing.
 */
__secondary_switched:
	adr_l	x0, vectors
	msr	vbar_el1, x0
	isb
	adr_l	x21, secondary_data
	ldr	x0, [x21, #SECONDARY_DATA_STACK]
	mov	sp, x0
	ldr	x0, [x21, #SECONDARY_DATA_CPU_INFO]
	msr	tpidr_el1, x0
	mov	x29, xzr
	mov	x30, xzr
	bl	secondary_start_kernel
1:	wfe
	b	1b

	.bss
	.balign	16
	.globl	init_stack, init_stack_top
init_stack:
	.space	16384
init_stack_top:
	.globl	boot_entry_el, boot_dtb_pa
	.balign	8
boot_dtb_pa:	.quad	0
boot_entry_el:	.long	0
