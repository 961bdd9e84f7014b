"""What every helper needs from the stopped machine: system registers,
physical memory, and kernel lists.

Physical memory. Page tables hold physical addresses, so the walkers read
by physical address. QEMU's gdbstub has a switch for that: the packet
`Qqemu.PhyMemMode:1` makes memory accesses physical until `:0` (QEMU 5.0 and
later; Debian's 7.2 has it). With it a walk works whether the MMU is on or
off. Without it (another stub) we fall back to what the kernel itself does:
with the MMU on, physical address pa is at PAGE_OFFSET + pa in the linear
map (arch/arm64/include/asm/memory.h); with the MMU off, a virtual address
*is* the physical address.

`set kernel-phys-access auto|phymem|linear` chooses (auto: PhyMemMode when
the stub answers to it).
"""

import gdb
from constants import K, MASK64, ConstantError


class KernelError(Exception):
    """A helper cannot do its job; the message says why (printed, no traceback)."""


# ---- system registers ------------------------------------------------------

def sysreg(*names):
    """Value of the first register in names the stub knows ($TTBR0_EL1 ...), as an unsigned int.

    QEMU's gdbstub exposes the EL1 system registers under their cp-reg names
    (`maint print remote-registers` lists them: TTBR0_EL1, TTBR1_EL1, TCR_EL1,
    MAIR_EL1, SCTLR (= SCTLR_EL1), TPIDR_EL1, ESR_EL1, FAR_EL1, PAR_EL1 ...).
    """
    for name in names:
        try:
            v = gdb.parse_and_eval("$" + name)
        except gdb.error as e:
            raise KernelError("cannot read $%s: %s (is gdb connected? `target remote :1234`)" % (name, e))
        if v.type.code != gdb.TYPE_CODE_VOID:
            return int(v) & MASK64
    raise KernelError("the gdb stub does not expose %s (QEMU with -cpu cortex-a72 or max does)"
                      % " / ".join(names))


def mmu_enabled():
    """SCTLR_EL1.M: is the EL1&0 stage 1 MMU on?"""
    return bool(sysreg("SCTLR_EL1", "SCTLR") & K.SCTLR_EL1_M)


def current_el():
    """The exception level gdb stopped at: PSTATE.EL, bits [3:2] of $cpsr (ARM ARM C5.2.19 SPSR_EL1.M)."""
    return (sysreg("cpsr") >> 2) & 3


# ---- physical memory -------------------------------------------------------

_mode = "auto"          # the user's choice
_phymem_ok = None       # does the stub understand qqemu.PhyMemMode? (None: not asked yet)
_phys_depth = 0         # nesting of phys_session()
_phys_on = False        # PhyMemMode:1 is set now


def _packet(text):
    """Send a raw remote packet; the stub's reply as a string, or None if it failed."""
    try:
        out = gdb.execute("maintenance packet " + text, to_string=True)
    except gdb.error:
        return None
    # gdb prints: sending: "..."\nreceived: "..."
    for line in out.splitlines():
        if line.startswith("received:"):
            return line.split(":", 1)[1].strip().strip('"')
    return None


def phymem_supported():
    global _phymem_ok
    if _phymem_ok is None:
        _phymem_ok = _packet("qqemu.PhyMemMode") in ("0", "1")
    return _phymem_ok


def access_method():
    """How phys reads are done now: 'phymem', 'linear' or 'direct' (MMU off)."""
    if _mode in ("auto", "phymem") and phymem_supported():
        return "phymem"
    if _mode == "phymem":
        raise KernelError("the gdb stub does not support Qqemu.PhyMemMode")
    return "linear" if mmu_enabled() else "direct"


def describe_access():
    m = access_method()
    return {"phymem": "physical reads via QEMU's Qqemu.PhyMemMode",
            "linear": "physical reads via the linear map (PAGE_OFFSET + pa)",
            "direct": "MMU off: physical reads at the address itself"}[m]


class phys_session:
    """Context manager: inside it, read_phys() works; PhyMemMode is switched
    on once for the whole session and always switched back off after it,
    so that ordinary (virtual) reads of kernel variables stay correct."""

    def __enter__(self):
        global _phys_depth, _phys_on
        _phys_depth += 1
        if _phys_depth == 1:
            self.method = access_method()
            if self.method == "phymem":
                if _packet("Qqemu.PhyMemMode:1") != "OK":
                    _phys_depth -= 1
                    raise KernelError("the stub refused Qqemu.PhyMemMode:1")
                _phys_on = True
                gdb.execute("maintenance flush dcache", to_string=True)
        return self

    def __exit__(self, *exc):
        global _phys_depth, _phys_on
        _phys_depth -= 1
        if _phys_depth == 0 and _phys_on:
            _packet("Qqemu.PhyMemMode:0")
            _phys_on = False
            gdb.execute("maintenance flush dcache", to_string=True)
        return False


def read_phys(pa, size):
    """size bytes of physical memory at pa (inside a phys_session)."""
    if _phys_depth == 0:
        with phys_session():
            return read_phys(pa, size)
    if _phys_on or not mmu_enabled():
        addr = pa
    else:
        addr = (K.PAGE_OFFSET + pa) & MASK64
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, size))
    except gdb.MemoryError:
        raise KernelError("cannot read physical memory at 0x%x (%s)" % (pa, describe_access()))


_page_cache = {}        # physical page -> its bytes, for one command
_xlate_cache = {}       # kernel virtual page -> physical page, for one command


def read_page(pa):
    """The physical page at pa (page aligned), cached for one command."""
    p = _page_cache.get(pa)
    if p is None:
        p = read_phys(pa, K.PAGE_SIZE)
        _page_cache[pa] = p
    return p


def read_table(pa):
    """The PTRS_PER_TABLE descriptors (u64) of the translation table at physical address pa."""
    size = K.PTRS_PER_TABLE * 8
    raw = read_page(pa & ~(K.PAGE_SIZE - 1))[pa & (K.PAGE_SIZE - 1):][:size]
    return [int.from_bytes(raw[i:i + 8], "little") for i in range(0, size, 8)]


def clear_cache():
    _page_cache.clear()
    _xlate_cache.clear()


def kernel_pa(va):
    """Physical address of kernel virtual address va, by walking the live TTBR1_EL1 tree."""
    import pagetable
    page = va & ~(K.PAGE_SIZE - 1) & MASK64
    pa = _xlate_cache.get(page)
    if pa is None:
        root = pagetable.ttbr_root(sysreg("TTBR1_EL1"))
        if not root:
            raise KernelError("TTBR1_EL1 is empty: the kernel's page tables are not set up yet "
                              "(continue until the MMU is on)")
        w = pagetable.pt_walk(root, page, pagetable.regime(1))
        if not w.valid:
            raise KernelError("kernel address 0x%x is not mapped in TTBR1_EL1" % va)
        pa = w.pa
        _xlate_cache[page] = pa
    return pa | (va & (K.PAGE_SIZE - 1))


def kread(va, size):
    """size bytes of kernel memory at virtual address va.

    With PhyMemMode the address is translated by our own walk of TTBR1 and
    read physically: this works whatever the CPU is doing, at EL0 too (QEMU
    translates a debugger's virtual access with the current exception
    level's permissions, so at EL0 it cannot read kernel memory). Without
    it, gdb reads va itself, which needs the CPU at EL1."""
    va &= MASK64
    if _mode_now() != "phymem":
        if not mmu_enabled():
            raise KernelError("the MMU is off: kernel variables are not at their link addresses yet")
        try:
            return bytes(gdb.selected_inferior().read_memory(va, size))
        except gdb.MemoryError:
            raise KernelError("cannot read kernel memory at 0x%x (CPU at EL%d; with "
                              "`set kernel-phys-access auto` QEMU's PhyMemMode avoids this)"
                              % (va, current_el()))
    out = []
    while size > 0:
        pa = kernel_pa(va)
        n = min(size, K.PAGE_SIZE - (va & (K.PAGE_SIZE - 1)))
        off = pa & (K.PAGE_SIZE - 1)
        out.append(read_page(pa - off)[off:off + n])
        va += n
        size -= n
    return b"".join(out)


def _mode_now():
    return "phymem" if _phys_on else access_method()


class KernelPhysAccess(gdb.Parameter):
    """How the helpers read physical memory: auto (QEMU's PhyMemMode if the
    stub has it, else the linear map), phymem, or linear."""

    set_doc = "Set how the kernel helpers read physical memory."
    show_doc = "Show how the kernel helpers read physical memory."

    def __init__(self):
        super().__init__("kernel-phys-access", gdb.COMMAND_DATA, gdb.PARAM_ENUM,
                         ["auto", "phymem", "linear"])
        self.value = "auto"

    def get_set_string(self):
        global _mode
        _mode = self.value
        return "kernel helpers: physical reads %s" % self.value

    def get_show_string(self, svalue):
        return "kernel helpers read physical memory: %s" % svalue


KernelPhysAccess()


# ---- kernel data -----------------------------------------------------------
#
# Kernel structures are read into gdb.Values built from bytes (kread), so no
# read goes through gdb's own (virtual, current-EL) memory access. Follow a
# pointer with deref(), read a char * with cstring().

def load(addr, typ):
    """The object of gdb type typ at kernel virtual address addr."""
    typ = typ.strip_typedefs() if typ.code == gdb.TYPE_CODE_TYPEDEF else typ
    return gdb.Value(kread(int(addr), typ.sizeof), typ)


def deref(ptr):
    """*ptr for a pointer gdb.Value."""
    if int(ptr) == 0:
        raise KernelError("NULL pointer (%s)" % ptr.type)
    return load(int(ptr) & MASK64, ptr.type.target())


def symbol(expr):
    """A kernel variable ("zone_normal", or "'context.c'::generation" for a file-static one)."""
    try:
        ptr = gdb.parse_and_eval("&(%s)" % expr)
    except gdb.error as e:
        raise KernelError("cannot find %s: %s (is the kernel built with -g?)" % (expr, e))
    return deref(ptr)


def symbol_addr(expr):
    try:
        return int(gdb.parse_and_eval("&(%s)" % expr)) & MASK64
    except gdb.error as e:
        raise KernelError("cannot find %s: %s" % (expr, e))


def cstring(ptr, limit=256):
    """The NUL-terminated string at a char * gdb.Value (or address)."""
    addr = int(ptr) & MASK64
    if not addr:
        return "(null)"
    # One page at a time (pages are translated one by one): a string may
    # cross a page boundary, and the next page may not be mapped at all.
    raw = b""
    while len(raw) < limit:
        try:
            chunk = kread(addr, min(limit - len(raw), K.PAGE_SIZE - (addr & (K.PAGE_SIZE - 1))))
        except KernelError:
            if not raw:
                raise
            break
        raw += chunk
        if b"\0" in chunk:
            break
        addr += len(chunk)
    return raw.split(b"\0", 1)[0].decode("latin-1")


def need_kernel_data():
    """Kernel variables are reached through TTBR1: it must hold the kernel's tables."""
    if _mode_now() != "phymem" and not mmu_enabled():
        raise KernelError("the MMU is off: kernel variables are not mapped at their link "
                          "addresses yet (continue until after the jump to the high half)")


def member_offset(typename, member):
    """offsetof(typename, member), looking into anonymous unions and structs too."""
    def find(t, base):
        for f in t.strip_typedefs().fields():
            if f.name == member:
                return base + f.bitpos // 8
            if f.name is None and f.type.strip_typedefs().code in (gdb.TYPE_CODE_STRUCT,
                                                                   gdb.TYPE_CODE_UNION):
                off = find(f.type, base + f.bitpos // 8)
                if off is not None:
                    return off
        return None
    off = find(gdb.lookup_type(typename), 0)
    if off is None:
        raise KernelError("%s has no member %s" % (typename, member))
    return off


def list_for_each_entry(head, head_addr, typename, member, limit=1 << 20):
    """Yield (address, value) of each typename entry of a Linux list.

    head: the list_head as a gdb.Value; head_addr: where it is in memory."""
    off = member_offset(typename, member)
    typ = gdb.lookup_type(typename)
    node = int(head["next"]) & MASK64
    n = 0
    while node != head_addr:
        if node == 0:
            raise KernelError("NULL in the list at 0x%x (being changed?)" % head_addr)
        entry = load(node - off, typ)
        yield node - off, entry
        node = int(entry[member]["next"]) & MASK64
        n += 1
        if n >= limit:
            raise KernelError("list at 0x%x: more than %d entries (a loop?)" % (head_addr, limit))


def u64(v):
    return int(v) & MASK64


def run_command(fn):
    """Run fn() for a gdb command: in one phys_session (PhyMemMode switched
    on once, and off again at the end), with fresh caches (the machine may
    have run since the last command), KernelError (and a constant missing
    from the kernel's debug info) as a one-line message."""
    clear_cache()
    try:
        with phys_session():
            fn()
    except (KernelError, ConstantError) as e:
        raise gdb.GdbError(str(e))
    finally:
        clear_cache()
