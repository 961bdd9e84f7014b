# gdb set-up for the kernel under QEMU (`make gdb`, after `make qemu-gdb` in
# another terminal). Loads the python helpers of this directory and attaches
# to QEMU's gdb stub. docs/gdb.md describes the commands:
#   pt-walk VA [TTBR]   ptdump [user|kernel] [TTBR]   asid
#   buddyinfo   slabinfo   tasks   lru-gen [-v]   kernel-constants [-a]
# The stub is :1234 (QEMU's -s); GDB_REMOTE=host:port in the environment
# picks another one, GDB_REMOTE=none loads the helpers without attaching.

set architecture aarch64
set pagination off
set print pretty on
set confirm off

python
import os, sys, importlib
import gdb

# This directory: $KERNEL_GDB_DIR, else qemu/gdb under the current directory
# (make runs gdb from the top of the tree), else beside build/kernel.elf.
def _kernel_gdb_dir():
    cands = [os.environ.get("KERNEL_GDB_DIR", ""), os.path.join(os.getcwd(), "qemu", "gdb")]
    elf = gdb.current_progspace().filename
    if elf:
        cands.append(os.path.join(os.path.dirname(os.path.abspath(elf)), "..", "qemu", "gdb"))
    for d in cands:
        if d and os.path.isfile(os.path.join(d, "pagetable.py")):
            return os.path.abspath(d)
    raise gdb.GdbError("kernel.gdb: cannot find qemu/gdb/*.py (set KERNEL_GDB_DIR)")

sys.dont_write_bytecode = True       # no __pycache__ in the source tree
_d = _kernel_gdb_dir()
if _d not in sys.path:
    sys.path.insert(0, _d)
for _m in ("constants", "target", "pagetable", "tasks", "asid", "mm"):
    if _m in sys.modules:
        importlib.reload(sys.modules[_m])   # `source qemu/gdb/kernel.gdb` again picks up edits
    else:
        importlib.import_module(_m)

gdb.write("kernel helpers: pt-walk, ptdump, asid, tasks, buddyinfo, slabinfo, lru-gen, kernel-constants "
          "(`help pt-walk` ...; docs/gdb.md)\n")
_remote = os.environ.get("GDB_REMOTE", ":1234")
if _remote != "none":
    try:
        gdb.execute("target remote " + _remote)
    except gdb.error as e:
        gdb.write("kernel.gdb: cannot attach to %s (%s): start `make qemu-gdb` first, "
                  "then `target remote %s`\n" % (_remote, e, _remote))
end
