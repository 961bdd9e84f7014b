"""Page tables from gdb: pt-walk and ptdump.

The same walk the MMU does (and mm/pgtable_walk.c pt_walk does in the
kernel), but from outside: the root comes from the live TTBR0_EL1/TTBR1_EL1
(or one you give), each table is read by physical address, and every level
is printed the way the kernel's `pagewalk` prints it, so the two can be put
side by side; below each leaf, the attributes are decoded field by field
(ARM ARM D8.3 "Translation table descriptor formats", D8.4 "Memory access
control", D8.5 "Memory region attributes").

    (gdb) pt-walk 0xffff000040000000       # TTBR1 (kernel half)
    (gdb) pt-walk 0x400000                 # TTBR0 (user half): whoever ran last
    (gdb) pt-walk 0x400000 0x7e99a000      # another tree (see `tasks` for each mm's TTBR)
    (gdb) ptdump                           # kernel tree, like the shell's ptdump
    (gdb) ptdump user [TTBR]               # a user tree
"""

import gdb
import target
from constants import K, ctz, field
from target import KernelError, MASK64, read_table, sysreg, u64

# Every kernel constant here is K.<NAME>, read from build/kernel.elf
# (constants.py): PTE_* from asm/pgtable-hwdef.h and asm/pgtable.h, the
# level shifts, MT_* from asm/sysreg.h. What stays a number is the
# architecture's own encoding of a field the kernel gives no name to, cited
# to the ARM ARM where it is decoded.

TABLE_NAME = ["pgd", "pud", "pmd", "pte"]            # Linux's names for ARM's L0..L3
LEVEL_NAME = ["PGD", "PUD", "PMD", "PTE"]            # as ptdump prints them


def level_shift():
    """Bits below each level's index, L0..L3: PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT, PTE_SHIFT."""
    return [K.PGDIR_SHIFT, K.PUD_SHIFT, K.PMD_SHIFT, K.PTE_SHIFT]


def last_level():
    return len(level_shift()) - 1


def level_size_name(level):
    """"4K", "2M", "1G": what one entry of level maps."""
    size = 1 << level_shift()[level]
    for unit, shift in (("G", 30), ("M", 20), ("K", 10)):
        if size >= 1 << shift:
            return "%d%s" % (size >> shift, unit)
    return str(size)


def attr_name(idx):
    """The kernel's name for MAIR index idx (mm/pgtable_walk.c attr_name())."""
    return {K.MT_NORMAL: "NORMAL", K.MT_NORMAL_NC: "NORMAL-NC", K.MT_DEVICE_nGnRnE: "DEVICE-nGnRnE",
            K.MT_DEVICE_nGnRE: "DEVICE-nGnRE"}.get(idx, "?")


def ttbr_root(ttbr):
    """The root table's physical address in a TTBR value (without the ASID and CnP), as the kernel takes it."""
    return ttbr & K.PTE_ADDR_MASK


def is_table(desc):
    return desc & K.PTE_TYPE_MASK == K.PTE_TYPE_TABLE


def is_block(desc):
    return desc & K.PTE_TYPE_MASK == K.PTE_TYPE_BLOCK


# ---- TCR_EL1 and the two halves --------------------------------------------

class Regime:
    """What TCR_EL1 says about one half of the address space."""

    def __init__(self, half, tcr):
        self.half = half                                   # 0 = TTBR0, 1 = TTBR1
        # ARM ARM D17.2.131 TCR_EL1: T0SZ [5:0], TG0 [15:14]; T1SZ [21:16], TG1 [31:30].
        self.tsz = (tcr >> (16 * half)) & 0x3f
        tg_mask = 3 << (14 if half == 0 else 30)
        self.granule_ok = tcr & tg_mask == (K.TCR_TG0_4K if half == 0 else K.TCR_TG1_4K)
        if self.tsz == 0:                                  # MMU not set up yet: assume the kernel's
            self.tsz = 64 - K.VA_BITS
        self.va_bits = 64 - self.tsz
        shifts = level_shift()
        # Each level resolves log2(PTRS_PER_TABLE) bits; the first one may resolve fewer.
        self.bits = ctz(K.PTRS_PER_TABLE)
        self.start_level = next(lv for lv, sh in enumerate(shifts) if self.va_bits - sh <= self.bits)
        self.top_bits = self.va_bits - shifts[self.start_level]

    def index(self, va, level):
        bits = self.top_bits if level == self.start_level else self.bits
        return (va >> level_shift()[level]) & ((1 << bits) - 1)

    def describe(self):
        return "T%dSZ=%d: %d-bit VA, %d levels from L%d%s" % (
            self.half, self.tsz, self.va_bits, last_level() + 1 - self.start_level, self.start_level,
            "" if self.granule_ok else
            " (TCR's granule is not the kernel's %s: decoded as %s anyway)" % ((level_size_name(last_level()),) * 2))


def regime(half):
    try:
        tcr = sysreg("TCR_EL1")
    except KernelError:
        tcr = 0
    return Regime(half, tcr)


def half_of(va):
    """0 for a TTBR0 address, 1 for a TTBR1 address, None if in neither (not canonical)."""
    r0, r1 = regime(0), regime(1)
    if va >> r0.va_bits == 0:
        return 0
    if va >> r1.va_bits == (MASK64 >> r1.va_bits):
        return 1
    return None


def live_ttbr(half):
    return sysreg("TTBR%d_EL1" % half)


def parse_value(text):
    """A command argument: any gdb expression ($TTBR0_EL1, &start_kernel, 0x400000)."""
    try:
        return int(gdb.parse_and_eval(text)) & MASK64
    except gdb.error as e:
        raise gdb.GdbError("cannot evaluate '%s': %s" % (text, e))


# ---- one descriptor ------------------------------------------------------------

def pte_decode(desc, level):
    """The kernel's pte_decode() (mm/pgtable_walk.c), word for word."""
    last = last_level()
    if not desc & K.PTE_VALID:
        if desc == 0:
            return "none"
        if level == last and desc & K.PTE_SWP_BIT:         # pte_to_swp_entry()
            typ = (desc >> K.__SWP_TYPE_SHIFT) & K.__SWP_TYPE_MASK
            off = (desc >> K.__SWP_OFFSET_SHIFT) & K.__SWP_OFFSET_MASK
            return "SWAP type=%d offset=%d" % (typ, off)
        if level == last and desc & K.PTE_PROT_NONE:
            return "PROT_NONE -> 0x%x (invalid for the MMU)" % (desc & K.PTE_ADDR_MASK)
        return "INVALID"
    if level < last and is_table(desc):
        return "TABLE -> 0x%x" % (desc & K.PTE_ADDR_MASK)
    if level == 0 or (level == last and not is_table(desc)):
        return "RESERVED"
    w = ["PAGE" if level == last else "BLOCK(%s)" % level_size_name(level)]
    if desc & K.PTE_USER:
        w.append("USER")
    w.append("RO" if desc & K.PTE_RDONLY else "RW")
    if desc & K.PTE_PXN:
        w.append("PXN")
    if desc & K.PTE_UXN:
        w.append("UXN")
    if desc & K.PTE_AF:
        w.append("AF")
    if desc & K.PTE_NG:
        w.append("nG")
    w.append(["SH=NS", "SH=?", "SH=OS", "SH=IS"][field(desc, K.PTE_SHARED)])
    idx = field(desc, K.PTE_ATTRINDX_MASK)
    w.append("ATTR=%d(%s)" % (idx, attr_name(idx)))
    for bit, name in ((K.PTE_DBM, "DBM"), (K.PTE_CONT, "CONT"), (K.PTE_DIRTY, "DIRTY"),
                      (K.PTE_SPECIAL, "SPECIAL")):
        if desc & bit:
            w.append(name)
    return " ".join(w)


def mair_decode(attr):
    """One MAIR_EL1 byte (ARM ARM D17.2.97 MAIR_EL1)."""
    if attr >> 4 == 0:
        dev = {0: "nGnRnE", 1: "nGnRE", 2: "nGRE", 3: "GRE"}.get((attr >> 2) & 3)
        return "Device-%s" % dev if attr & 3 == 0 else "Device (UNPREDICTABLE low bits)"

    def half(h):
        if h == 0b0100:
            return "Non-cacheable"
        if h >> 2 == 0:
            base = "Write-Through transient"
        elif h >> 2 == 1:
            base = "Write-Back transient"
        elif h >> 2 == 2:
            base = "Write-Through"
        else:
            base = "Write-Back"
        alloc = ("R" if h & 2 else "") + ("W" if h & 1 else "")
        return base + (" %s-allocate" % alloc if alloc else " no-allocate")

    return "Normal, Outer %s, Inner %s" % (half(attr >> 4), half(attr & 0xf))


def bit(desc, mask):
    """0 or 1: is the one-bit field mask set in desc?"""
    return 1 if desc & mask else 0


def leaf_details(desc):
    """The attribute fields of a page or block descriptor, one per item, decoded."""
    try:
        mair = sysreg("MAIR_EL1")
    except KernelError:
        mair = None
    idx = field(desc, K.PTE_ATTRINDX_MASK)
    ap = bit(desc, K.PTE_RDONLY) << 1 | bit(desc, K.PTE_USER)     # AP[2:1]
    el1 = "read-only" if ap & 2 else "read/write"
    el0 = ("none", "read/write", "none", "read-only")[ap]           # ARM ARM D8.4.1 (table D8-43)
    sh = field(desc, K.PTE_SHARED)
    if mair is None:
        attr = "AttrIndx %d" % idx
    else:
        byte = (mair >> (8 * idx)) & 0xff                           # MAIR_EL1.Attr<n>: byte n
        attr = "AttrIndx %d -> MAIR_EL1.Attr%d = 0x%02x: %s" % (idx, idx, byte, mair_decode(byte))
    # Software bits [58:55] (ARM ARM: ignored by the MMU); the kernel's names for them.
    sw_bits = ((K.PTE_DIRTY, "DIRTY"), (K.PTE_SPECIAL, "SPECIAL"), (K.PTE_SWP_BIT, "SWP"),
               (K.PTE_PROT_NONE, "PROT_NONE"))
    sw_low = min(ctz(m) for m, _ in sw_bits)
    sw_high = max(ctz(m) for m, _ in sw_bits)
    sw = (desc >> sw_low) & ((1 << (sw_high - sw_low + 1)) - 1)
    swn = [n for m, n in sw_bits if desc & m]
    lines = [
        attr,
        "AP[2:1] 0b%d%d: EL1 %s, EL0 %s   SH 0b%d%d %s   NS %d" % (
            ap >> 1, ap & 1, el1, el0, sh >> 1, sh & 1,
            ("Non-shareable", "(reserved)", "Outer Shareable", "Inner Shareable")[sh],
            bit(desc, K.PTE_NS)),
        "AF %d%s   nG %d (%s)" % (
            bit(desc, K.PTE_AF), "" if desc & K.PTE_AF else " (first access faults, unless TCR_EL1.HA)",
            bit(desc, K.PTE_NG), "ASID-tagged" if desc & K.PTE_NG else "global"),
        "PXN %d  UXN %d (EL1 %s, EL0 %s)   DBM %d   Contiguous %d   SW[%d:%d] 0b%s%s" % (
            bit(desc, K.PTE_PXN), bit(desc, K.PTE_UXN),
            "no exec" if desc & K.PTE_PXN else "exec",
            "no exec" if desc & K.PTE_UXN else "exec",
            bit(desc, K.PTE_DBM), bit(desc, K.PTE_CONT), sw_high, sw_low,
            format(sw, "0%db" % (sw_high - sw_low + 1)),
            " (" + " ".join(swn) + ")" if swn else ""),
    ]
    return lines


def table_details(desc):
    """APTable/UXNTable/PXNTable/NSTable of a table descriptor, if any is set
    (ARM ARM D8.3.1: bits [63:59]; the kernel sets none of them)."""
    hi = desc >> 59
    if not hi:
        return []
    return ["table attributes: NSTable %d APTable 0b%d%d UXNTable %d PXNTable %d" % (
        hi >> 4 & 1, hi >> 3 & 1, hi >> 2 & 1, hi >> 1 & 1, hi & 1)]


# ---- the walk ------------------------------------------------------------------

class Walk:
    """Result of walking one VA: per level (level, index, entry address, descriptor)."""

    def __init__(self):
        self.steps = []
        self.valid = False
        self.pa = None
        self.block_level = -1


def pt_walk(root, va, reg):
    """Walk va from the table at physical address root, as mm/pgtable_walk.c pt_walk."""
    w = Walk()
    table = root
    last = last_level()
    desc_size = gdb.lookup_type("pte_t").sizeof
    for level in range(reg.start_level, last + 1):
        idx = reg.index(va, level)
        desc = read_table(table)[idx]
        w.steps.append((level, idx, table + idx * desc_size, desc))
        if not desc & K.PTE_VALID:
            return w
        if level == last or is_block(desc):
            size = 1 << level_shift()[level]
            if level == 0 or (level == last and not is_table(desc)):
                return w
            w.valid = True
            w.block_level = level
            w.pa = (desc & K.PTE_ADDR_MASK & ~(size - 1)) | (va & (size - 1))
            return w
        table = desc & K.PTE_ADDR_MASK
    return w


def hw_translate(va):
    """QEMU's own translation with the CPU's current registers (HMP gva2gpa), or None."""
    try:
        out = gdb.execute("monitor gva2gpa 0x%x" % va, to_string=True).strip()
    except gdb.error:
        return None
    if out.startswith("gpa:"):
        return int(out.split(":", 1)[1], 16)
    return out or None


def hw_check(va, w):
    """Compare a walk of the live tree with QEMU's own translation.

    gva2gpa translates like a load by the CPU in its current state, with
    that exception level's permissions: stopped at EL0, kernel pages are
    "Unmapped" to it; at EL1 with PSTATE.PAN set, user pages are."""
    hw = hw_translate(va)
    if hw is None:
        return []
    if isinstance(hw, int):
        verdict = "agrees" if w.valid and hw == w.pa else "DIFFERS"
        return ["  QEMU's MMU (monitor gva2gpa): pa 0x%x (%s)" % (hw, verdict)]
    if not w.valid:
        return ["  QEMU's MMU (monitor gva2gpa): %s (agrees)" % hw]
    leaf = w.steps[-1][3]
    el = target.current_el()
    pan = bit(target.sysreg("cpsr"), K.PSR_PAN_BIT)
    if el == 0 and not leaf & K.PTE_USER:
        why = "the CPU is at EL0 and this page is EL1-only: gva2gpa checks EL0's permissions"
    elif el == 1 and pan and leaf & K.PTE_USER:
        why = "PSTATE.PAN is set: gva2gpa, like an EL1 load, may not touch user pages"
    else:
        why = None
    if why:
        return ["  QEMU's MMU (monitor gva2gpa): %s (not comparable: %s)" % (hw, why)]
    return ["  QEMU's MMU (monitor gva2gpa): %s (DIFFERS)" % hw]


class PtWalkCommand(gdb.Command):
    """Walk one virtual address through the translation tables: pt-walk VA [TTBR]

Prints each level's index, the entry's physical address and descriptor (in
the format of the kernel's `pagewalk` shell command), the decoded
attributes of the page or block (AttrIndx and its MAIR_EL1 byte, AP, SH,
AF, nG, PXN/UXN, DBM, Contiguous, software bits) and the output address.
TTBR defaults to the live TTBR0_EL1 for a user address (VA < 2^48) and
TTBR1_EL1 for a kernel one; its ASID bits [63:48] are ignored. VA and TTBR
are gdb expressions ($TTBR0_EL1, a symbol's address, ...). When the walk
uses the live register, QEMU's own translation (monitor gva2gpa) is shown
as a cross-check."""

    def __init__(self):
        super().__init__("pt-walk", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: pt-walk VA [TTBR]")
        vals = [parse_value(a) for a in argv]      # before any physical-mode read
        target.run_command(lambda: self.run(*vals))

    def run(self, va, ttbr=None):
        half = half_of(va)
        if ttbr is not None:
            if half is None:
                half = 0
            # Given the tree the CPU uses for this half now? Then QEMU can cross-check.
            live = ttbr_root(live_ttbr(half)) == ttbr_root(ttbr)
            name = "TTBR (given%s)" % (", = live TTBR%d_EL1" % half if live else "")
        else:
            if half is None:
                raise KernelError("0x%x is in neither half (not canonical): the MMU faults" % va)
            ttbr = live_ttbr(half)
            name = "TTBR%d_EL1" % half
            live = True
            if not ttbr_root(ttbr):
                raise KernelError("%s is 0: no translation tables yet (give a TTBR to walk "
                                  "tables in memory anyway)" % name)
        reg = regime(half)
        root = ttbr_root(ttbr)
        out = []
        out.append("%s = 0x%016x: ASID %d, root table at 0x%x (%s)" % (
            name, ttbr, ttbr >> K.TTBR_ASID_SHIFT, root, reg.describe()))
        mmu = target.mmu_enabled()
        out.append("%s%s" % ("" if mmu else "MMU off (SCTLR_EL1.M = 0): the CPU does not translate now; ",
                             target.describe_access()))
        w = pt_walk(root, va, reg)
        out.append("walk 0x%016x:" % va)
        last = last_level()
        for level, idx, entry, desc in w.steps:
            out.append("  L%d %s[%3d] @0x%09x = 0x%016x  %s" % (
                level, TABLE_NAME[level], idx, entry, desc, pte_decode(desc, level)))
            if desc & K.PTE_VALID and level < last and is_table(desc):
                out.extend("        " + s for s in table_details(desc))
            elif desc & K.PTE_VALID and level > 0 and not (level == last and not is_table(desc)):
                out.extend("        " + s for s in leaf_details(desc))
        if w.valid:
            out.append("  -> pa 0x%x (%s %s)" % (w.pa, level_size_name(w.block_level),
                                                 "page" if w.block_level == last else "block"))
        else:
            out.append("  -> translation fault at level %d" % w.steps[-1][0])
        if live and mmu:
            out.extend(hw_check(va, w))
        gdb.write("\n".join(out) + "\n")


# ---- ptdump --------------------------------------------------------------------

def pte_bits():
    """Linux's pte_bits[] (arch/arm64/mm/ptdump.c), as mm/pgtable_walk.c prints them."""
    def attr(mt):
        return mt << ctz(K.PTE_ATTRINDX_MASK)              # PTE_ATTRINDX(mt)
    return [
        (K.PTE_VALID, K.PTE_VALID, " ", "F"),
        (K.PTE_USER, K.PTE_USER, "USR", "   "),
        (K.PTE_RDONLY, K.PTE_RDONLY, "ro", "RW"),
        (K.PTE_PXN, K.PTE_PXN, "NX", "x "),
        (K.PTE_SHARED, K.PTE_SHARED, "SHD", "   "),
        (K.PTE_AF, K.PTE_AF, "AF", "  "),
        (K.PTE_NG, K.PTE_NG, "NG", "  "),
        (K.PTE_CONT, K.PTE_CONT, "CON", "   "),
        (K.PTE_TABLE_BIT, K.PTE_TABLE_BIT, "   ", "BLK"),
        (K.PTE_UXN, K.PTE_UXN, "UXN", "   "),
        (K.PTE_ATTRINDX_MASK, attr(K.MT_DEVICE_nGnRnE), "DEVICE/nGnRnE", None),
        (K.PTE_ATTRINDX_MASK, attr(K.MT_DEVICE_nGnRE), "DEVICE/nGnRE", None),
        (K.PTE_ATTRINDX_MASK, attr(K.MT_NORMAL_NC), "MEM/NORMAL-NC", None),
        (K.PTE_ATTRINDX_MASK, attr(K.MT_NORMAL), "MEM/NORMAL", None),
    ]


def ptdump_prot_mask():
    """PTDUMP_PROT_MASK of mm/pgtable_walk.c: every bit pte_bits() looks at."""
    mask = 0
    for m, _, _, _ in pte_bits():
        mask |= m
    return mask


def kernel_markers():
    """arch/arm64/mm/ptdump.c kernel_markers[], read from the kernel ([] if it cannot be read)."""
    try:
        arr = target.symbol("'ptdump.c'::kernel_markers")
    except KernelError:
        return []
    out = []
    for i in range(arr.type.range()[1] + 1):
        m = arr[i]
        if int(m["name"]) == 0:
            break
        out.append((u64(m["start_address"]), target.cstring(m["name"])))
    return out


class Ptdump:
    """mm/pgtable_walk.c ptdump_walk, in Python: same merging, same lines."""

    def __init__(self, reg, markers):
        self.reg = reg
        self.shifts = level_shift()
        self.bits = pte_bits()
        self.prot_mask = ptdump_prot_mask()
        self.markers = markers
        self.mi = 0
        self.level = -1
        self.start = self.end = self.prot = 0
        self.lines = []

    def dump_range(self):
        if self.level < 0:
            return
        delta = ((self.end - self.start) & MASK64) >> 10
        units = "KMGTPE"
        u = 0
        while not delta & 1023 and u + 1 < len(units):
            delta >>= 10
            u += 1
        line = "0x%016x-0x%016x   %9d%c %s" % (self.start, self.end, delta, units[u],
                                                LEVEL_NAME[self.level])
        for mask, val, s, c in self.bits:
            word = s if self.prot & mask == val else c
            if word is not None:
                line += " " + word
        self.lines.append(line)
        self.level = -1

    def pass_markers(self, addr):
        while self.mi < len(self.markers) and self.markers[self.mi][0] <= addr:
            self.dump_range()
            self.lines.append("---[ %s ]---" % self.markers[self.mi][1])
            self.mi += 1

    def note_page(self, addr, level, desc):
        prot = desc & self.prot_mask
        if self.level >= 0 and (level != self.level or prot != self.prot or addr != self.end):
            self.dump_range()
        self.pass_markers(addr)
        if self.level < 0:
            self.start, self.level, self.prot = addr, level, prot
        self.end = (addr + (1 << self.shifts[level])) & MASK64

    def walk_level(self, table, level, addr, end):
        size = 1 << self.shifts[level]
        entries = read_table(table)
        while addr != end:
            desc = entries[self.reg.index(addr, level)]
            nxt = ((addr + size) & ~(size - 1)) & MASK64
            if ((nxt - 1) & MASK64) >= ((end - 1) & MASK64):
                nxt = end
            if desc & K.PTE_VALID:
                if level < len(self.shifts) - 1 and is_table(desc):
                    self.walk_level(desc & K.PTE_ADDR_MASK, level + 1, addr, nxt)
                elif level > 0:
                    self.note_page(addr & ~(size - 1) & MASK64, level, desc)
            addr = nxt

    def run(self, root, start, end):
        start &= ~(K.PAGE_SIZE - 1)
        while self.mi < len(self.markers) and self.markers[self.mi][0] < start:
            self.mi += 1
        if start != end:
            self.walk_level(root, self.reg.start_level, start, end)
        self.dump_range()
        self.pass_markers((end - 1) & MASK64 if end else MASK64)
        return self.lines


class PtdumpCommand(gdb.Command):
    """Every mapping of a tree, runs of equal attributes merged: ptdump [user|kernel] [TTBR]

Same lines as the kernel's `ptdump` shell command (Linux's
/sys/kernel/debug/kernel_page_tables): range, size, level of the leaves,
then USR, ro/RW, NX/x (PXN), SHD, AF, NG, CON, BLK, UXN, memory type.
  ptdump              the kernel half, from the live TTBR1_EL1
  ptdump user         the user half, from the live TTBR0_EL1
  ptdump TTBR         the tree at TTBR (user half, unless TTBR is the live TTBR1)
  ptdump kernel TTBR  the kernel half of the tree at TTBR"""

    def __init__(self):
        super().__init__("ptdump", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        half = None
        if argv and argv[0] in ("user", "kernel"):
            half = 0 if argv.pop(0) == "user" else 1
        if len(argv) > 1:
            raise gdb.GdbError("usage: ptdump [user|kernel] [TTBR]")
        ttbr = parse_value(argv[0]) if argv else None
        target.run_command(lambda: self.run(half, ttbr))

    def run(self, half, ttbr):
        if ttbr is not None:
            if half is None:
                half = 1 if ttbr_root(live_ttbr(1)) == ttbr_root(ttbr) else 0
        else:
            half = 1 if half is None else half
            ttbr = live_ttbr(half)
            if not ttbr_root(ttbr):
                raise KernelError("TTBR%d_EL1 is 0: no translation tables yet" % half)
        reg = regime(half)
        root = ttbr_root(ttbr)
        lines = []
        if half == 0:
            lines.append("---[ User space (TTBR0 = 0x%x) ]---" % ttbr)
            start, end = 0, 1 << reg.va_bits
            markers = []
        else:
            start, end = (MASK64 << reg.va_bits) & MASK64, 0
            markers = kernel_markers()
        lines += Ptdump(reg, markers).run(root, start, end)
        if half == 1 and not markers:
            lines.append("(no region markers: kernel_markers[] cannot be read now)")
        gdb.write("\n".join(lines) + "\n")


PtWalkCommand()
PtdumpCommand()
