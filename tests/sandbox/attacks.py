"""Hostile solutions to coding/flatten, each with the verdict it must get (issue #10).

Every attack is a complete solution module: it defines ``flatten`` that *tries* something
hostile and then behaves according to whether it worked. The rule that makes the expected
verdict meaningful: an attack that *succeeded* returns a wrong answer (or raises
``RuntimeError("ATTACK WORKED ...")``) on its first sample case; an attack that was stopped
returns the canonical answer. So for the isolation attacks the expected verdict is AC (the
sandbox held), and a broken defence shows up as WA/RE. Attacks on the accounting expect TLE
or MLE; attacks that try to leak hidden data expect what the code honestly earns, and the
tests check that nothing of a hidden case reaches what the candidate is shown.

`tests/sandbox/test_attack_paths.py` runs each through `manage.py grade` and through the full
service path (stored submission -> Celery worker -> database -> report rows).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

FLATTEN = "coding/flatten"
CANONICAL = (Path(__file__).resolve().parents[2] / "references/bank" / FLATTEN / "solution.py").read_text()
FIRST_SAMPLE = "[1, [2, [3, 4]], [], [[5]], 6]"
#: Hidden cases whose canonical solution runs near its CPU limit: on a loaded 2-core machine an
#: attack that runs the canonical code there may get TLE on them, which is timing, not the attack.
BIG_CASES = frozenset({"deep-chain-100k", "deep-wrapped-100k", "long-half-million"})
#: Text from hidden cases' inputs and expected values that must never be shown to a candidate.
HIDDEN_MARKERS = ("only-empty-lists", "'ef'", '"ef"', "99998", "993573784", "698986584", "not-a-list-dict")

PRELUDE = CANONICAL.replace("def flatten(", "def _good(") + textwrap.dedent('''
    import os as _os


    class _Lazy:
        """ctypes loaded on first use: a scenario case refuses ctypes (the audit hook), and
        an import-time refusal would make every attack a CE."""

        def __getattr__(self, name):
            import ctypes
            if name == "ctypes":
                return ctypes
            return getattr(ctypes.CDLL(None, use_errno=True), name)


    _libc = _Lazy()


    class _CtypesProxy:
        def __getattr__(self, name):
            import ctypes
            return getattr(ctypes, name)


    _ctypes = _CtypesProxy()

    def _syscall(number, *args):
        """(result, errno) of a raw system call."""
        _ctypes.set_errno(0)
        result = _libc.syscall(_ctypes.c_long(number), *[_ctypes.c_long(a) for a in args])
        return result, _ctypes.get_errno()

    def _first_sample(lst):
        return lst == ''' + FIRST_SAMPLE + '''

    def _others():
        """Pids we can see that are not us (init, harness, template, supervisor)."""
        me = _os.getpid()
        return [int(p) for p in _os.listdir("/proc") if p.isdigit() and int(p) != me]
''')


@dataclass
class Attack:
    name: str
    verdict: str                 # the overall verdict it must get
    body: str                    # defines flatten(lst)
    why: str = ""
    hidden: bool = False         # graded on every case (Submit), not only the samples (Run)

    @property
    def source(self) -> str:
        return PRELUDE + "\n" + textwrap.dedent(self.body)


def blocked(name: str, attempt: str, why: str, *, every: bool = False, hidden: bool = False) -> Attack:
    """An attack whose every attempt must fail: ``attempt`` returns something true when it
    worked. Tried on the first sample case, or on every case (``every``)."""
    body = f'''
def _attempt():
{textwrap.indent(textwrap.dedent(attempt).strip(), "    ")}

def flatten(lst):
    if {"True" if every else "_first_sample(lst)"}:
        try:
            worked = _attempt()
        except Exception as exc:   # refused: the sandbox held
            worked = False
        if worked:
            raise RuntimeError("ATTACK WORKED: " + repr(worked)[:200])
    return _good(lst)
'''
    return Attack(name, "AC", body, why, hidden=hidden)


ATTACKS: list[Attack] = [
    # ---- 1. forging results through pid 1 / the harness / the supervisor ----------------------
    blocked("ptrace-pid1", "return _syscall(101, 16, 1, 0, 0)[0] == 0",   # PTRACE_ATTACH
            "seccomp denies ptrace; pid 1 is root"),
    blocked("ptrace-every-process", """
        return [p for p in _others() if _syscall(101, 16, p, 0, 0)[0] == 0]
    """, "seccomp denies ptrace"),
    blocked("ptrace-traceme", "return _syscall(101, 0, 0, 0, 0)[0] == 0", "PTRACE_TRACEME refused too"),
    blocked("proc-1-mem-write", """
        with open("/proc/1/mem", "r+b") as handle:
            return True
    """, "pid 1 is root and not dumpable by the case uid"),
    blocked("proc-mem-of-every-process", """
        opened = []
        for p in _others():
            try:
                with open(f"/proc/{p}/mem", "rb") as handle:
                    opened.append(p)
            except OSError:
                pass
        return opened
    """, "harness: other uid; template/supervisor: not dumpable"),
    blocked("process-vm-readv", """
        buf = _ctypes.create_string_buffer(64)
        class IOV(_ctypes.Structure):
            _fields_ = [("base", _ctypes.c_void_p), ("len", _ctypes.c_size_t)]
        local, remote = IOV(_ctypes.addressof(buf), 64), IOV(0x400000, 64)
        return [p for p in _others() if _libc.syscall(310, p, _ctypes.byref(local), 1,
                                                        _ctypes.byref(remote), 1, 0) > 0]
    """, "seccomp denies process_vm_readv"),
    blocked("process-vm-writev", """
        buf = _ctypes.create_string_buffer(b"x" * 8)
        class IOV(_ctypes.Structure):
            _fields_ = [("base", _ctypes.c_void_p), ("len", _ctypes.c_size_t)]
        local, remote = IOV(_ctypes.addressof(buf), 8), IOV(0x400000, 8)
        return [p for p in _others() if _libc.syscall(311, p, _ctypes.byref(local), 1,
                                                        _ctypes.byref(remote), 1, 0) > 0]
    """, "seccomp denies process_vm_writev"),
    blocked("pidfd-getfd-results-channel", """
        taken = []
        for p in _others():
            pidfd, _ = _syscall(434, p, 0)
            if pidfd >= 0:
                for fd in range(0, 12):
                    if _syscall(438, pidfd, fd, 0)[0] >= 0:
                        taken.append((p, fd))
        return taken
    """, "seccomp denies pidfd_getfd"),
    blocked("kcmp", "return [p for p in _others() if _syscall(312, _os.getpid(), p, 0, 1, 1)[0] >= 0]",
            "seccomp denies kcmp"),
    blocked("proc-fd-of-others", """
        opened = []
        for p in _others():
            for fd in range(0, 8):
                try:
                    _os.close(_os.open(f"/proc/{p}/fd/{fd}", _os.O_WRONLY))
                    opened.append((p, fd))
                except OSError:
                    pass
        return opened
    """, "the results pipe is held by the harness only (another uid)"),
    blocked("signal-the-harness-and-init", """
        import signal
        hit = []
        for p in _others():
            try:
                with open(f"/proc/{p}/status") as handle:
                    uid = [line.split()[1] for line in handle if line.startswith("Uid:")][0]
            except (OSError, IndexError):
                continue
            if uid != str(_os.getuid()):
                try:
                    _os.kill(p, signal.SIGKILL)
                    hit.append(p)
                except OSError:
                    pass
        return hit
    """, "the harness and pid 1 run under other uids"),
    blocked("setuid-to-harness-or-root", """
        return [uid for uid in (0, 65533) if _syscall(105, uid)[0] == 0]
    """, "no capabilities left after the drop"),
    blocked("unshare-user-namespace", "return _syscall(272, 0x10000000)[0] == 0", "seccomp denies unshare"),
    blocked("mount-tmpfs", "return _libc.mount(b'none', b'/tmp', b'tmpfs', 0, None) == 0", "seccomp denies mount"),
    blocked("bpf", "return _syscall(321, 0, 0, 0)[0] >= 0", "seccomp denies bpf"),
    blocked("perf-event-open", """
        attr = _ctypes.create_string_buffer(128)
        return _syscall(298, _ctypes.addressof(attr), 1, -1, -1, 0)[0] >= 0
    """, "seccomp denies perf_event_open"),
    blocked("userfaultfd", "return _syscall(323, 0)[0] >= 0", "seccomp denies userfaultfd"),
    blocked("keyring", """
        return _libc.syscall(248, b"user", b"onsite-leak", b"data", 4, -2) >= 0   # add_key
    """, "seccomp denies add_key/keyctl: the keyring outlives a case"),
    blocked("io-uring", """
        params = _ctypes.create_string_buffer(120)
        return _syscall(425, 8, _ctypes.addressof(params))[0] >= 0
    """, "seccomp denies io_uring (its calls bypass seccomp)"),
    blocked("write-the-candidates-files", """
        import sys
        src = [p for p in sys.path if p.endswith("/src")][0]
        with open(src + "/scenarios.py", "a") as handle:
            handle.write("# tampered")
        return True
    """, "the files are read-only for the case uid"),
    Attack("forged-framing-on-stdout", "WA", '''
def flatten(lst):
    import json, sys
    for nonce in ("", "0" * 24):
        sys.stdout.write(json.dumps({"n": nonce, "t": "obs", "case_id": "sample-mixed", "status": "ok",
                                     "value": [1, 2, 3, 4, 5, 6]}) + "\\n")
    return []
''', "stdout is a capped pipe, not the results channel"),
    Attack("deep-document-on-the-result-pipe", "RE", '''
def flatten(lst):
    import os
    os.write(3, b'{"status": "ok", "value": ' + b"[" * 5000 + b"]" * 5000 + b"}")
    os._exit(0)
''', "bounded parsing: a case's RE, never an exception on the host"),
    Attack("deep-value-990-levels", "RE", '''
def flatten(lst):
    import os
    os.write(3, b'{"status": "ok", "value": ' + b"[" * 990 + b"]" * 990 + b"}")
    os._exit(0)
''', "the depth bound (256) refuses it in the sandbox; the host would too"),
    Attack("deep-python-value", "WA", '''
def flatten(lst):
    value = []
    for _ in range(5000):
        value = [value]
    return value
''', "encoded to 100 levels, then a $repr: judged, never a RecursionError"),
    Attack("huge-item-count", "OLE", '''
def flatten(lst):
    return ["x" * 20] * 60_000     # 1.4 MiB once encoded, few items: fast even on a loaded machine
''', "an encoded value over 1 MiB is OLE"),
    Attack("kill-minus-one", "RE", '''
def flatten(lst):
    import os, signal
    if _first_sample(lst):
        os.kill(-1, signal.SIGKILL)
    return _good(lst)
''', "kills only the case uid (its supervisor): that case is RE, the rest run in a fresh sandbox"),
    Attack("stop-the-supervisor", "RE", '''
def flatten(lst):
    import os, signal
    if _first_sample(lst):
        os.kill(os.getppid(), signal.SIGSTOP)
    return _good(lst)
''', "the harness stops waiting and retires the sandbox"),
    # ---- 3. cost hidden in descendants ---------------------------------------------------------
    Attack("cpu-in-grandchildren", "TLE", '''
def flatten(lst):
    import os, time
    if _first_sample(lst):
        children = []
        for _ in range(3):
            pid = os.fork()
            if pid == 0:
                if os.fork() == 0:          # a grandchild does the work
                    end = time.process_time() + 1.5
                    while time.process_time() < end:
                        pass
                    os._exit(0)
                os.wait()
                os._exit(0)
            children.append(pid)
        for pid in children:
            os.waitpid(pid, 0)
    return _good(lst)
''', "CPU is the whole tree's (cgroup during the case, RUSAGE_CHILDREN after): 4.5 s > 2 s"),
    Attack("cpu-in-an-orphan-daemon", "TLE", '''
def flatten(lst):
    import os, time
    if _first_sample(lst):
        read, write = os.pipe()
        if os.fork() == 0:
            os.setsid()
            orphan = os.fork()
            if orphan == 0:
                while True:
                    pass
            os.write(write, str(orphan).encode())
            os._exit(0)
        orphan = int(os.read(read, 32))
        # Wait until the orphan alone has burnt more than the 2 s limit, then answer correctly:
        # if its CPU were not the case's, this would be AC. (Under heavy load the 7 s wall limit
        # may come first: TLE as well.)
        while True:
            with open(f"/proc/{orphan}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            if (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") > 2.3:
                break
            time.sleep(0.05)
    return _good(lst)
''', "an orphan is reparented to the supervisor (subreaper): its CPU counts"),
    Attack("memory-in-two-grandchildren", "MLE", '''
def flatten(lst):
    import os, time
    if _first_sample(lst):
        ready, tell = os.pipe()
        for _ in range(2):
            if os.fork() == 0:
                hoard = b"\x01" * (180 * 1024 * 1024)   # every page written, at C speed
                os.write(tell, b"x")
                time.sleep(60)
                os._exit(len(hoard) & 0)
        os.read(ready, 1), os.read(ready, 1)   # both hold 180 MiB now
        time.sleep(3)                          # the supervisor samples many times meanwhile
    return _good(lst)
''', "memory is the sum over the case's processes: 360 MiB > 256 MiB"),
    Attack("memory-in-threads", "MLE", '''
def flatten(lst):
    import threading
    if _first_sample(lst):
        hoards = []
        def grab():
            try:
                hoards.append(bytearray(120 * 1024 * 1024))
            except MemoryError:
                pass
        threads = [threading.Thread(target=grab) for _ in range(4)]
        [t.start() for t in threads]
        [t.join() for t in threads]
        if len(hoards) < 3:
            raise MemoryError
    return _good(lst)
''', "one process: its address-space limit"),
    # ---- 4. hidden cases leak ------------------------------------------------------------------
    Attack("input-in-exception-message", "RE", '''
def flatten(lst):
    raise ValueError("LEAK " + repr(lst))
''', "a hidden case shows only 'ValueError raised'", hidden=True),
    Attack("input-in-exception-class-name", "RE", '''
def flatten(lst):
    name = "LEAK_" + "".join(ch for ch in repr(lst) if ch.isalnum())[:60]
    raise type(name, (Exception,), {})()
''', "a class of the candidate's is not named on a hidden case", hidden=True),
    Attack("input-on-stdout-and-stderr", "AC", '''
def flatten(lst):
    import sys
    import reprlib
    print("LEAK", reprlib.repr(lst))
    print("LEAK", reprlib.repr(lst), file=sys.stderr)
    return _good(lst)
''', "output of hidden cases is not kept", hidden=True),
    Attack("wrong-answer-shows-expected", "WA", '''
def flatten(lst):
    if isinstance(lst, list) and not _first_sample(lst):
        return ["LEAK"]
    return _good(lst)
''', "a hidden WA shows no expected value", hidden=True),
    blocked("sample-case-holds-no-hidden-input", """
        found = []
        with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb") as mem:
            for line in maps:
                parts = line.split()
                if "r" not in parts[1] or len(parts) > 5 and parts[5].startswith("["+"v"):
                    continue
                start, end = (int(x, 16) for x in parts[0].split("-"))
                try:
                    mem.seek(start)
                    chunk = mem.read(min(end - start, 64 << 20))
                except (OSError, ValueError, OverflowError):
                    continue
                import re
                # Patterns, not literals: the needle itself must not be what is found.
                for pattern in (rb"only-empty-list[s]", rb"not-a-list-dic[t]", rb"deep-chain-100[k]"):
                    if re.search(pattern, chunk):
                        found.append(pattern)
        return found
    """, "a case process is forked from a template that never held the job"),
    blocked("files-from-an-earlier-case", """
        import glob
        seen = glob.glob("/tmp/*") + glob.glob("/dev/shm/*") + glob.glob("/work/*/leak*") + _os.listdir(".")
        for place in ("/tmp/leak", "/dev/shm/leak", "leak"):
            with open(place, "w") as handle:
                handle.write("x")
        return seen
    """, "every writable place is wiped between cases", every=True),
    # ---- 5. scenario checks -------------------------------------------------------------------
    Attack("fake-scenarios-module", "WA", '''
import sys, types
fake = types.ModuleType("scenarios")
def _liar(module, **params):
    return {"unchanged": True, "count": 206, "is_new": True}
fake.input_unchanged = _liar
fake.list_subclass = lambda module, **params: [1, 2, 3]
sys.modules["scenarios"] = fake

def flatten(lst):
    result = _good(lst)
    if isinstance(lst, list):
        lst.clear()          # the bug the scenario must catch
    return result
''', "the checks were imported before the candidate's module", hidden=True),
    Attack("patch-the-scenario-module", "RE", '''
import sys
checks = sys.modules.get("scenarios")
if checks is not None:
    checks.input_unchanged = lambda module, **params: {"unchanged": True, "count": 206, "is_new": True}

def flatten(lst):
    result = _good(lst)
    if isinstance(lst, list) and checks is not None:
        lst.clear()
    return result
''', "the checks' module is fingerprinted: patching it is an error", hidden=True),
    Attack("patch-builtins-the-check-uses", "RE", '''
import builtins, sys
if "scenarios" in sys.modules:
    class _Equal(list):
        def __eq__(self, other):
            return True
    builtins.list = _Equal

def flatten(lst):
    return _good(lst)
''', "builtins are fingerprinted before the candidate's import", hidden=True),
    Attack("replace-scenario-code", "AC", '''
import sys
checks = sys.modules.get("scenarios")
swapped = False
if checks is not None:
    try:
        checks.input_unchanged.__code__ = (lambda module, **params: None).__code__
        swapped = True
    except Exception:
        pass

def flatten(lst):
    if swapped:
        raise RuntimeError("ATTACK WORKED: replaced a scenario's code")
    return _good(lst)
''', "the audit hook refuses replacing a scenario function's code", hidden=True),
    blocked("gc-walk-to-the-checks", """
        import gc
        return len(gc.get_objects()) > 0 and __import__("sys").modules.get("scenarios") is not None
    """, "the audit hook refuses gc walks in scenario cases", every=True, hidden=True),
    # ---- 6. residue defeats the wipe ----------------------------------------------------------
    blocked("chmod-000-folders", """
        leftovers = _os.listdir(".") + _os.listdir("/tmp")
        for root in (".", "/tmp"):
            _os.makedirs(f"{root}/locked/inner", exist_ok=True)
            with open(f"{root}/locked/inner/file", "w") as handle:
                handle.write("x")
            _os.chmod(f"{root}/locked/inner", 0)
            _os.chmod(f"{root}/locked", 0)
        return leftovers
    """, "the wiper (the files' owner) makes every folder writable before removing it", every=True),
    blocked("sysv-shared-memory", """
        shmget = _libc.shmget
        existing = shmget(0x0517, 0, 0)
        shmget(0x0517, 4096, 0o1666)           # IPC_CREAT | 0666
        return existing >= 0
    """, "the wiper removes the case uid's System V objects", every=True),
    blocked("sysv-message-queue-and-semaphore", """
        existing = _libc.msgget(0x0518, 0) >= 0 or _libc.semget(0x0519, 1, 0) >= 0
        _libc.msgget(0x0518, 0o1666)
        _libc.semget(0x0519, 1, 0o1666)
        return existing
    """, "as shared memory", every=True),
    blocked("posix-message-queue", """
        return _syscall(240, _ctypes.addressof(_ctypes.create_string_buffer(b"leak")), 0o102, 0o666, 0)[0] >= 0
    """, "seccomp denies mq_open: POSIX queues cannot be listed to be wiped"),
    # ---- 7. text a database refuses ----------------------------------------------------------
    Attack("nul-and-surrogates-everywhere", "RE", '''
def flatten(lst):
    import sys
    print("nul\\x00 lone\\udc80 surrogate")
    sys.stderr.write("\\x00\\ud800\\n")
    if _first_sample(lst):
        raise ValueError("bad\\x00text\\udfff")
    return _good(lst) + ["\\x00\\udc80"] if isinstance(lst, list) else _good(lst)
''', "NUL and lone surrogates are stored escaped; grading ends DONE", hidden=True),
    Attack("nul-in-returned-keys", "WA", '''
def flatten(lst):
    return [{"\\x00key\\ud800": "\\x00"}]
''', "keys are made safe too"),
    # ---- and more -----------------------------------------------------------------------------
    Attack("fork-bomb", "TLE", '''
def flatten(lst):
    import os
    if _first_sample(lst):
        while True:
            try:
                os.fork()
            except OSError:
                pass
    return _good(lst)
''', "the pids limit holds it; the process group dies at once"),
    Attack("stdout-flood", "OLE", '''
def flatten(lst):
    import sys
    if _first_sample(lst):
        sys.stdout.write("\\x00" * 10_000_000)
    return _good(lst)
''', "output is capped at 64 KiB a stream"),
    Attack("exit-mid-case", "RE", '''
def flatten(lst):
    import os
    os._exit(0)
''', "no result: the case is RE, the next runs"),
    Attack("recursion-bomb", "RE", '''
def flatten(lst):
    def down(n):
        return down(n + 1)
    return down(0)
''', "RecursionError is the candidate's RE"),
    blocked("read-harness-environment-and-cmdline", """
        found = []
        for p in _others():
            for name in ("environ", "cmdline", "maps", "stack", "syscall"):
                try:
                    with open(f"/proc/{p}/{name}", "rb") as handle:
                        if name in ("environ", "maps", "stack", "syscall") and handle.read():
                            found.append((p, name))
                except OSError:
                    pass
        return found
    """, "other uids' and non-dumpable processes' /proc entries are closed"),
]

assert len(ATTACKS) >= 40, len(ATTACKS)
assert len({attack.name for attack in ATTACKS}) == len(ATTACKS)
