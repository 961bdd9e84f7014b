"""The kernel's constants, read from its debug info: K.<NAME>.

The helpers hold no copy of a kernel constant. Each K.<NAME> comes from
the kernel.elf being debugged, from one of two places:

  - enum lx_constants (kernel/gdb_constants.c): the enumerator LX_NAME,
    whose value is the header's #define NAME (PAGE_OFFSET, PTE_VALID,
    PMD_SHIFT ...). The debug info has no #defines, so that file lists the
    ones the helpers need. Linux's scripts/gdb/linux/constants.py.in does
    the same job (LX_VALUE) by preprocessing.
  - any enumerator of the kernel's own enums: NAME itself (TASK_RUNNING,
    WMARK_HIGH, MAX_NR_GENS ...).

Enumerators are constants in the debug info, so gdb reads them from the
ELF file: they work before the MMU is on and without a running target.
Values are cached until gdb loads another objfile (`file`, a rebuilt
kernel). `kernel-constants` prints every value read so far, and
`kernel-constants -a` every constant of kernel/gdb_constants.c;
tests/e2e/gdb.t compares the latter with the kernel's headers.
"""

import gdb

MASK64 = (1 << 64) - 1          # Python integers are unbounded; addresses are 64-bit

_table = None                   # LX_ enumerators of enum lx_constants: NAME -> value
_cache = {}                     # every constant read so far: NAME -> value


class ConstantError(Exception):
    """A constant the helpers need is not in the kernel's debug info."""


def _lx_table():
    global _table
    if _table is None:
        try:
            typ = gdb.lookup_type("enum lx_constants")
        except gdb.error:
            raise ConstantError("enum lx_constants is not in the debug info: load build/kernel.elf "
                                "(built with -g, with kernel/gdb_constants.c)")
        # enumval is signed in gdb: values at or above 2^63 come out negative.
        _table = {f.name[3:]: f.enumval & MASK64 for f in typ.fields() if f.name.startswith("LX_")}
    return _table


def _forget(*args):
    global _table
    _table = None
    _cache.clear()


gdb.events.new_objfile.connect(_forget)
gdb.events.clear_objfiles.connect(_forget)


def const(name):
    """The value of the kernel constant name (see the module's docstring)."""
    v = _cache.get(name)
    if v is not None:
        return v
    table = _lx_table()
    if name in table:
        v = table[name]
    else:
        sym = gdb.lookup_static_symbol(name) or gdb.lookup_global_symbol(name)
        if sym is None or sym.addr_class != gdb.SYMBOL_LOC_CONST or \
                sym.type.strip_typedefs().code != gdb.TYPE_CODE_ENUM:
            raise ConstantError("%s: neither LX_%s in kernel/gdb_constants.c nor an enumerator of "
                                "the kernel (add LX_VALUE(%s) to kernel/gdb_constants.c)"
                                % (name, name, name))
        v = int(sym.value()) & MASK64
    _cache[name] = v
    return v


def enum_values(typename):
    """{enumerator name: value} of a kernel enum type ("enum task_state")."""
    return {f.name: f.enumval for f in gdb.lookup_type(typename).fields()}


def ctz(mask):
    """Position of the lowest set bit of mask (the shift of a field given by its mask)."""
    return (mask & -mask).bit_length() - 1


def field(value, mask):
    """The field of value that mask selects, shifted down (FIELD_GET in Linux)."""
    return (value & mask) >> ctz(mask)


class _Constants:
    """K.<NAME> is const("<NAME>")."""

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return const(name)


K = _Constants()


class KernelConstantsCommand(gdb.Command):
    """The kernel constants the helpers use, as read from the debug info: kernel-constants [-a]

Prints NAME = value for every constant the helpers have read so far; with
-a, for every constant of kernel/gdb_constants.c (enum lx_constants) instead."""

    def __init__(self):
        super().__init__("kernel-constants", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        try:
            values = dict(_lx_table()) if "-a" in argv else _cache
        except ConstantError as e:
            raise gdb.GdbError(str(e))
        for name in sorted(values):
            gdb.write("%s = 0x%x\n" % (name, values[name]))


KernelConstantsCommand()
