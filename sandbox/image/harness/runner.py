"""The trusted parent inside the sandbox: one job in, one observation per case out.

Started once per submission (in a fresh container, or as a local subprocess by the process
backend). It imports everything it needs *before* reading the job, so that a warm container
has already paid for the interpreter and the imports; it then blocks on stdin.

Three kinds of process, two uids (docker: the container starts as root with only
CAP_SETUID/CAP_SETGID; both drops below clear every capability):

- the **harness** (this process, uid ``--harness-uid``, non-dumpable): reads the job, writes
  the candidate's files (read-only for cases), owns the results channel (a private dup of
  stdout), hands each case *only its own input* to the template, validates what comes back
  (bytes, depth, fields) and checks the wipe; a case cannot signal it, trace it, or read or
  write its memory (another uid, no capabilities, seccomp);
- the **template** (uid ``--case-uid``, non-dumpable, forked *before* the job was read, so it
  never held the job, the nonce or the channel): for each case it forks a fresh
  **supervisor**, waits for it, then kills every process of the case uid that is left
  (``kill(-1)``, docker and pid namespaces only). It reads nothing of any case itself, so
  nothing of one case is in the memory the next one forks from;
- the **supervisor** (one per case, a child subreaper): reads that one case from the harness,
  forks the case process (new session, rlimits, capped pipes, clean environment), enforces
  CPU (the whole tree: live descendants + everything reaped), memory (the sum over the
  case's processes) and wall time, kills the case's whole tree, and reports the case's cost
  from ``RUSAGE_CHILDREN`` (descendants included); then, every process of the case dead, it
  removes everything the case uid left in the writable folders (even chmod-000 folders: it
  owns them) and its System V IPC objects, and exits. The harness checks the result and
  *retires* the sandbox when anything is left (the host resumes in a fresh one).

Protocol (see sandbox/protocol.py, the host side):
- stdin: one ASCII line with the payload length in bytes, then the JSON payload
  ``{"nonce", "files", "entry", "cases", "limits", "total_wall_ms"}``. EOF is not needed.
- stdout (the results channel): JSON lines ``{"n": nonce, "t": kind, ...}`` with kinds
  ``accepted``, ``start`` (a case begins), ``obs`` (a case finished), ``retire`` (the remaining
  cases need a fresh sandbox), ``end``. Only the harness holds it.

Standard library only; runs under ``python3 -I -S -B``.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import io
import json
import os
import resource
import select
import shutil
import signal
import socket
import stat
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import drivers  # noqa: E402  (the lead's file: the call / calls / scenario drivers)
import guard  # noqa: E402  (scenario checks out of the candidate's reach)

# Modules candidates commonly import: loaded once here so each forked child gets them free.
for _name in (
    "collections", "heapq", "bisect", "itertools", "functools", "math", "re", "typing",
    "dataclasses", "threading", "random", "string", "operator", "copy", "enum", "abc",
    "queue", "contextlib", "time", "struct", "hashlib", "json", "logging", "tracemalloc",
    "statistics", "weakref", "inspect", "traceback", "warnings", "datetime", "calendar", "uuid",
    "decimal", "fractions", "array", "zlib", "base64", "binascii", "concurrent.futures", "textwrap",
    "pprint", "sched",
):
    try:
        importlib.import_module(_name)
    except Exception:  # pragma: no cover - a missing optional module is not fatal
        pass

# Our own references: a case may replace os._exit, os.write or json.dumps in its interpreter.
_EXIT, _WRITE, _DUMPS, _KILL, _GETPID = os._exit, os.write, json.dumps, os.kill, os.getpid

MAX_JOB_BYTES = 32 * 1024 * 1024
MAX_RESULT_BYTES = 1024 * 1024          # an encoded return value larger than this is output_limit
CPU_POLL_S = 0.025
SAFE_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/nonexistent"}
HARNESS_IGNORED_SIGNALS = (
    "SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGPIPE", "SIGALRM",
    "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGTRAP",
)
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
M_ARENA_MAX = -8

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except Exception:  # pragma: no cover
    _libc = None


def _prctl(option: int, value: int) -> bool:
    if _libc is None:
        return False
    try:
        return _libc.prctl(option, value, 0, 0, 0) == 0
    except Exception:  # pragma: no cover
        return False


# --------------------------------------------------------------------------- options


class Options:
    def __init__(self, argv: list[str]) -> None:
        self.sweep_all = False      # we are alone in a pid namespace: kill(-1) after each case
        self.workdir = None         # where the job's files go (a tmpfs in the container)
        self.wipe: list[str] = []   # extra writable folders to empty after each case
        self.case_uid = None        # started as root: cases (template, supervisors) run as this uid
        self.harness_uid = None     # started as root: the harness drops to this uid
        self.nproc = None           # RLIMIT_NPROC budget for children (process backend only)
        self.wipe_ipc = False       # remove the case uid's System V IPC objects (own IPC namespace)
        self.cgroup = False         # the container's cgroup holds only us: meter cases with it
        args = list(argv)
        while args:
            arg = args.pop(0)
            if arg == "--sweep-all":
                self.sweep_all = True
            elif arg == "--workdir":
                self.workdir = args.pop(0)
            elif arg == "--wipe":
                self.wipe.append(args.pop(0))
            elif arg in ("--case-uid", "--child-uid"):
                self.case_uid = int(args.pop(0))
            elif arg == "--harness-uid":
                self.harness_uid = int(args.pop(0))
            elif arg == "--nproc":
                self.nproc = int(args.pop(0))
            elif arg == "--wipe-ipc":
                self.wipe_ipc = True
            elif arg == "--cgroup-meter":
                self.cgroup = True
            else:
                raise SystemExit(f"harness: unknown argument {arg!r}")


def _alone_in_pid_namespace() -> bool:
    """kill(-1) is only safe when every process we can see is ours: pid 1 is us or an init."""
    if os.getpid() == 1:
        return True
    try:
        with open("/proc/1/comm", encoding="ascii", errors="replace") as handle:
            comm = handle.read().strip()
    except OSError:
        return False
    return comm in {"docker-init", "tini", "tini-static", "dumb-init"}


# --------------------------------------------------------------------------- output


class Channel:
    """The results channel: a private fd (a dup of the original stdout)."""

    def __init__(self, fd: int, nonce: str = "") -> None:
        self.fd = fd
        self.nonce = nonce

    def send(self, kind: str, **fields) -> None:
        record = {"n": self.nonce, "t": kind, **fields}
        try:
            data = json.dumps(record, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError) as exc:
            data = json.dumps({"n": self.nonce, "t": kind, "case_id": fields.get("case_id"),
                               "status": "crashed", "message": f"unserializable record: {exc}"})
        payload = (data + "\n").encode("ascii")
        view = memoryview(payload)
        while view:
            try:
                written = os.write(self.fd, view)
            except InterruptedError:
                continue
            view = view[written:]


# --------------------------------------------------------------------------- job input


def read_job(fd: int = 0) -> dict:
    header = b""
    while not header.endswith(b"\n"):
        chunk = os.read(fd, 1)
        if not chunk:
            raise EOFError("stdin closed before the job header")
        header += chunk
        if len(header) > 20:
            raise ValueError("bad job header")
    size = int(header.strip() or b"0")
    if not 0 < size <= MAX_JOB_BYTES:
        raise ValueError(f"job size {size} out of range")
    parts = []
    remaining = size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("stdin closed in the middle of the job")
        parts.append(chunk)
        remaining -= len(chunk)
    return json.loads(b"".join(parts))


# --------------------------------------------------------------------------- the child


def _set_limit(which: int, value: int) -> None:
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        try:  # cannot raise the hard limit: at least lower the soft one
            soft, hard = resource.getrlimit(which)
            resource.setrlimit(which, (min(value, hard) if hard != resource.RLIM_INFINITY else value, hard))
        except (ValueError, OSError):
            pass




def _drop_to(uid: int | None) -> None:
    """Become ``uid`` for good (all of real, effective, saved; no groups): the kernel then
    clears every capability. Only when started as root; a no-op otherwise."""
    if uid is None or os.geteuid() != 0:
        return
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid:  # pragma: no cover - the kernel refused
        raise SystemExit("harness: could not drop privileges")


def _to_devnull(*fds: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in fds:
        os.dup2(devnull, fd)
    os.close(devnull)


# --------------------------------------------------------------------------- line I/O (harness <-> template side)


def _send_line(fd: int, document: dict) -> None:
    data = (json.dumps(document, ensure_ascii=True, separators=(",", ":"), allow_nan=False) + "\n").encode("ascii")
    view = memoryview(data)
    while view:
        try:
            view = view[os.write(fd, view):]
        except InterruptedError:
            continue


class LineIn:
    """Reads newline-terminated documents from a descriptor with a byte cap and a deadline."""

    def __init__(self, fd: int, cap: int) -> None:
        self.fd = fd
        self.cap = cap
        self.buffer = bytearray()

    def read(self, deadline: float | None) -> bytes | None:
        """One line (without the newline); None on EOF, timeout or an over-long line."""
        while True:
            index = self.buffer.find(b"\n")
            if index >= 0:
                line = bytes(self.buffer[:index])
                del self.buffer[: index + 1]
                return line
            if len(self.buffer) > self.cap:
                return None
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return None
                ready, _, _ = select.select([self.fd], [], [], remaining)
                if not ready:
                    return None
            try:
                chunk = os.read(self.fd, 1 << 16)
            except InterruptedError:
                continue
            except BlockingIOError:
                continue
            except OSError:
                return None
            if not chunk:
                return None
            self.buffer += chunk


def _loads(data: bytes):
    """json.loads that never raises: None for anything malformed or nested deep enough to
    exhaust the decoder (RecursionError)."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError, MemoryError):
        return None


def _value_ok(value, max_depth: int = 256, max_items: int = 300_000) -> bool:
    """Iteratively: JSON types only, at most ``max_depth`` deep and ``max_items`` items."""
    stack = [(value, 1)]
    count = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if depth > max_depth or count > max_items:
            return False
        if isinstance(item, list):
            stack.extend((sub, depth + 1) for sub in item)
        elif isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend((sub, depth + 1) for sub in item.values())
        elif not (item is None or isinstance(item, (bool, int, float, str))):
            return False
    return True


# --------------------------------------------------------------------------- the case process


def _child(case: dict, limits: dict, entry: str, has_scenarios: bool, run_dir: str, src_dir: str,
           tmp_dir: str, out_w: int, err_w: int, res_w: int) -> None:
    """Runs in the case process (forked by the supervisor). Never returns."""
    code = 70
    try:
        os.setsid()
        # The lowest priority: its supervisor (idle but for a poll every 25 ms) always gets the
        # CPU it needs to stop a fork bomb in time. A process cannot raise it back.
        try:
            os.setpriority(os.PRIO_PROCESS, 0, 19)
        except OSError:
            pass
        for name in HARNESS_IGNORED_SIGNALS:
            sig = getattr(signal, name, None)
            if sig is not None:
                try:
                    signal.signal(sig, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
        # fds: 0 = /dev/null, 1/2 = capped pipes, 3 = result pipe, nothing else.
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.dup2(res_w, 3)
        os.set_inheritable(3, False)
        os.closerange(4, 65536)
        # Let the OOM killer pick the case, never the harness. Dumpable, so that its own
        # supervisor (same uid) may read its memory map for the accounting.
        try:
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("1000")
        except OSError:
            pass
        _prctl(PR_SET_DUMPABLE, 1)
        if _libc is not None:  # per-thread malloc arenas reserve 64 MiB of address space each
            try:
                _libc.mallopt(M_ARENA_MAX, 2)
            except Exception:  # noqa: BLE001
                pass
        mem = int(limits["memory_mb"]) * 1024 * 1024
        _set_limit(resource.RLIMIT_AS, BASE_VM + mem)
        cpu_s = -(-int(limits["time_limit_ms"]) // 1000) + 1
        _set_limit(resource.RLIMIT_CPU, cpu_s)
        _set_limit(resource.RLIMIT_FSIZE, 8 * 1024 * 1024)
        _set_limit(resource.RLIMIT_NOFILE, 64)
        _set_limit(resource.RLIMIT_CORE, 0)
        if NPROC is not None:
            _set_limit(resource.RLIMIT_NPROC, NPROC)
        os.environ.clear()
        os.environ.update(SAFE_ENV)
        os.environ["TMPDIR"] = tmp_dir
        os.chdir(run_dir)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                      errors="backslashreplace", line_buffering=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                      errors="backslashreplace", line_buffering=True)
        sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin
        sys.path[:] = [src_dir] + [p for p in sys.path if p != HERE]
        sys.dont_write_bytecode = True
        write, dumps = _WRITE, _DUMPS
        result = _run_in_child(case, entry, has_scenarios)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except BaseException:
                pass
        try:
            data = dumps(result, ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode()
        except BaseException as exc:  # noqa: BLE001 - e.g. an int too large to print
            data = dumps({"status": "ok", "value": {"$repr": f"<value cannot be serialized: {type(exc).__name__}>"}},
                         ensure_ascii=True).encode()
        if len(data) > MAX_RESULT_BYTES:
            data = dumps({"status": "output_limit",
                          "message": f"the returned value is {len(data)} bytes once encoded; "
                                     f"the limit is {MAX_RESULT_BYTES}"}).encode()
        view = memoryview(data)
        while view:
            view = view[write(3, view):]
        code = 0
    except MemoryError:
        try:
            os.write(3, b'{"status":"memory","message":"MemoryError while reporting"}')
        except BaseException:
            pass
        code = 71
    except BaseException:  # noqa: BLE001 - the child must never unwind into the supervisor
        code = 70
    finally:
        _EXIT(code)
        _KILL(_GETPID(), signal.SIGKILL)   # _EXIT cannot be replaced, but never fall through


def _run_in_child(case: dict, entry: str, has_scenarios: bool) -> dict:
    checks = None
    try:
        if case.get("driver") == "scenario":
            if not has_scenarios:
                return {"status": "exception", "phase": "run", "exc_type": "RuntimeError",
                        "exc_mro": ["RuntimeError", "Exception", "BaseException", "object"],
                        "message": "this case needs scenarios.py, which the job did not include"}
            # The checks first, from a file this uid cannot write, before any candidate code.
            checks = guard.Guard(importlib.import_module("scenarios"), str(case.get("scenario")))
            checks.install()
    except BaseException as exc:  # noqa: BLE001 - the question's own file is broken
        return {"status": "exception", "phase": "run", **_exc_fields(exc)}
    try:
        module = importlib.import_module(entry)
    except MemoryError:
        return {"status": "memory", "phase": "import", "message": "MemoryError while importing"}
    except BaseException as exc:  # noqa: BLE001 - SyntaxError, SystemExit, anything
        return {"status": "exception", "phase": "import", **_exc_fields(exc)}
    try:
        if checks is not None:
            checks.check("while your module was imported")
            result = drivers.run_case(module, case, _Scenario(case.get("scenario"), checks.function))
            checks.check("while the scenario ran")
        else:
            result = drivers.run_case(module, case, None)
    except MemoryError:
        return {"status": "memory", "phase": "run", "message": "MemoryError"}
    except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt, SandboxViolation
        return {"status": "exception", "phase": "run", **_exc_fields(exc)}
    if not isinstance(result, dict):
        return {"status": "crashed", "phase": "run", "message": "driver returned a non-dict"}
    result = dict(result)
    result["phase"] = "run"
    return result


class _Scenario:
    """What drivers.run_case looks the scenario up on: only the function taken before import."""

    def __init__(self, name, function) -> None:
        setattr(self, str(name), function)


def _exc_fields(exc: BaseException) -> dict:
    try:
        message = str(exc)
    except BaseException:  # noqa: BLE001
        message = "<unprintable message>"
    try:
        mro = [cls.__name__ for cls in type(exc).__mro__]
    except BaseException:  # noqa: BLE001
        mro = [type(exc).__name__]
    return {"exc_type": type(exc).__name__, "exc_mro": mro, "message": message[:2000]}


# --------------------------------------------------------------------------- the supervisor (one per case)


class Capture:
    def __init__(self, fd: int, cap: int) -> None:
        self.fd = fd
        self.cap = cap
        self.data = bytearray()
        self.total = 0
        self.open = True

    def pump(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except BlockingIOError:
                return
            except InterruptedError:
                continue
            except OSError:
                self.open = False
                return
            if not chunk:
                self.open = False
                return
            self.total += len(chunk)
            room = self.cap - len(self.data)
            if room > 0:
                self.data += chunk[:room]

    @property
    def over(self) -> bool:
        return self.total > self.cap

    def text(self) -> str:
        return bytes(self.data).decode("utf-8", errors="replace")


def _children(pid: int) -> list[int]:
    """Children of every thread of ``pid``."""
    found = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as handle:
                found.extend(int(x) for x in handle.read().split())
        except (OSError, ValueError):
            continue
    return found


def _tree(root: int) -> list[int]:
    """Every live descendant of ``root`` (the supervisor is a subreaper: none escapes it)."""
    seen: list[int] = []
    queue = _children(root)
    while queue and len(seen) < 4096:
        pid = queue.pop()
        if pid in seen:
            continue
        seen.append(pid)
        queue.extend(_children(pid))
    return seen


def _stat_ticks(pid: int) -> int:
    """utime + stime + cutime + cstime of a live (or zombie) process, in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read()
        fields = raw[raw.rindex(b")") + 2:].split()
        return int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    except (OSError, ValueError, IndexError):
        return 0


class CgroupMeter:
    """CPU and memory of the whole container from its cgroup (v1 or v2), read with pread on
    descriptors opened once. Inside a container only the sandbox's processes are in it; per
    case the harness's share is a few milliseconds of polling and a constant baseline."""

    CPU = (("/sys/fs/cgroup/cpuacct/cpuacct.usage", 1e-6), ("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", 1e-6))
    CPU_V2 = "/sys/fs/cgroup/cpu.stat"
    MEMORY = ("/sys/fs/cgroup/memory/memory.usage_in_bytes", "/sys/fs/cgroup/memory.current")

    def __init__(self) -> None:
        self.cpu_fd = self.memory_fd = None
        self.cpu_scale = 1e-6
        self.cpu_v2 = False
        if not CGROUP_METERING:
            self.ok = False
            return
        for path, scale in self.CPU:
            self.cpu_fd = _open_ro(path)
            if self.cpu_fd is not None:
                self.cpu_scale = scale
                break
        if self.cpu_fd is None:
            self.cpu_fd = _open_ro(self.CPU_V2)
            self.cpu_v2 = self.cpu_fd is not None
        for path in self.MEMORY:
            self.memory_fd = _open_ro(path)
            if self.memory_fd is not None:
                break
        self.ok = self.cpu_fd is not None and self.memory_fd is not None
        if self.ok:
            try:
                self.cpu_ms(), self.memory_kb()
            except (OSError, ValueError):
                self.ok = False

    def cpu_ms(self) -> float:
        raw = os.pread(self.cpu_fd, 4096, 0)
        if self.cpu_v2:   # "usage_usec N" first
            return int(raw.split(b"\n", 1)[0].split()[1]) / 1000.0
        return int(raw) * self.cpu_scale

    def memory_kb(self) -> int:
        return int(os.pread(self.memory_fd, 64, 0)) // 1024

    def close(self) -> None:
        for fd in (self.cpu_fd, self.memory_fd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.cpu_fd = self.memory_fd = None


def _open_ro(path: str) -> int | None:
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None


def _resident_kb(pid: int) -> int:
    """Resident memory minus file-backed/shared pages, from statm (no lock on the process's
    memory map: smaps_rollup would wait behind a fork bomb's forks)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            fields = handle.read().split()
        return max(0, int(fields[1]) - int(fields[2])) * PAGE_KB
    except (OSError, ValueError, IndexError):
        return 0


def _debug(text: str) -> None:
    path = os.environ.get("ONSITE_HARNESS_DEBUG")
    if path:
        with open(path, "a") as handle:
            handle.write(f"{time.monotonic():.3f} {os.getpid()} {text}\n")


def _usage_ms(usage) -> float:
    return (usage.ru_utime + usage.ru_stime) * 1000.0


def _kill_tree(me: int, group: int | None = None) -> None:
    """Kill every descendant of the supervisor and reap them all (fork bombs included).

    The case's process group first (one atomic kill: a fork racing it fails), then whatever
    left the group (setsid), found by walking the tree, with its own group."""
    if group is not None:
        try:
            os.killpg(group, signal.SIGKILL)
        except OSError:
            pass
    for _ in range(1000):
        pids = _tree(me)
        if not pids:
            break
        for pid in pids:
            try:
                group_of = os.getpgid(pid)
                if group_of != os.getpgrp():   # never our own group (a child not yet in its session)
                    os.killpg(group_of, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap_all()
        time.sleep(0.0005)
    _reap_all()


def _reap_all(watch: int | None = None) -> tuple | None:
    """Reap every child that has exited; returns (status, rusage) of ``watch`` if it was among them."""
    found = None
    while True:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return found
        except InterruptedError:
            continue
        if pid == 0:
            return found
        if watch is not None and pid == watch:
            found = (status, usage)


def _supervise(sock: int, opts: Options) -> None:
    """One case: read it, run it in a fresh process, account for its whole tree, report."""
    code = 0
    try:
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        line = LineIn(sock, MAX_JOB_BYTES).read(None)
        if line is None:
            os._exit(3)   # the harness is gone
        message = _loads(line)
        if not isinstance(message, dict):
            os._exit(4)
        obs = _run_case(message, sock)
        _send_line(sock, {"t": "obs", "obs": obs})
        # Every process of the case is dead (the tree was killed and reaped): wipe now, here,
        # in a process that exits afterwards (the template never reads a case's file names).
        del obs, message
        _wipe_case(sock, opts)
    except BaseException as exc:  # noqa: BLE001 - never unwind into the template's loop
        import traceback
        os.write(2, traceback.format_exc().encode())
        try:
            _send_line(sock, {"t": "obs", "obs": {"status": "crashed", "message": f"supervisor failed: {exc!r}"[:300]}})
        except BaseException:  # noqa: BLE001
            pass
        code = 5
    os._exit(code)


def _run_case(message: dict, sock: int) -> dict:
    case, limits = message["case"], message["limits"]
    cpu_limit_ms = int(limits["time_limit_ms"])
    wall_limit_ms = float(message["wall_ms"])
    budget_cut = bool(message.get("budget_cut"))
    mem_limit_kb = int(limits["memory_mb"]) * 1024
    tree_limit_kb = mem_limit_kb + TREE_MEMORY_SLACK_KB
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    meter = CgroupMeter()
    cpu_start, memory_start = (meter.cpu_ms(), meter.memory_kb()) if meter.ok else (0.0, 0)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the case process
        meter.close()
        os.close(sock)
        os.close(out_r), os.close(err_r), os.close(res_r)
        _child(case, limits, message["entry"], bool(message.get("scenarios")), message["run"],
               message["src"], message["tmp"], out_w, err_w, res_w)
        _EXIT(70)
    del case, message   # the supervisor keeps no more of the case than it needs
    me = os.getpid()
    for fd in (out_w, err_w, res_w):
        os.close(fd)
    for fd in (out_r, err_r, res_r):
        os.set_blocking(fd, False)
    cap = int(limits["output_bytes"])
    out, err = Capture(out_r, cap), Capture(err_r, cap)
    res = Capture(res_r, MAX_RESULT_BYTES + 4096)
    poller = select.poll()
    for fd in (out_r, err_r, res_r):
        poller.register(fd, select.POLLIN)
    try:
        pidfd = os.pidfd_open(pid)   # readable when the case process exits: no polling for it
        poller.register(pidfd, select.POLLIN)
    except (AttributeError, OSError):
        pidfd = None
    deadline = started + wall_limit_ms / 1000.0
    reason = None
    ended = None           # (status word, rusage) of the case process
    tree_peak_kb = 0
    baseline_kb = _resident_kb(os.getpid())
    next_check = started + CPU_POLL_S
    while True:
        ended = _reap_all(pid) or ended
        if ended is not None:
            break
        now = time.monotonic()
        if now >= deadline:
            reason = "budget" if budget_cut else "wall"
            break
        if out.over or err.over:
            reason = "output"
            break
        if now >= next_check:
            if meter.ok:
                # One read each from the container's cgroup: every process of the case counted,
                # and no per-process /proc reads (slow while a fork bomb forks).
                cpu = meter.cpu_ms() - cpu_start
                used_kb = meter.memory_kb() - memory_start
                tree_peak_kb = max(tree_peak_kb, used_kb)
            else:
                pids = _tree(me)
                cpu = _usage_ms(resource.getrusage(resource.RUSAGE_CHILDREN)) + \
                    sum(_stat_ticks(p) for p in pids) * 1000.0 / CLK_TCK
                used_kb = 0
                if 1 < len(pids) <= 32:   # several processes: their sum (one: its own limit governs)
                    # A forked process shares the interpreter it was forked with (copy-on-write):
                    # count the case process whole, the others above that shared baseline.
                    sizes = {p: _resident_kb(p) for p in pids}
                    first = sizes.pop(pid, 0)
                    used_kb = first + sum(max(0, size - baseline_kb) for size in sizes.values())
                    tree_peak_kb = max(tree_peak_kb, used_kb)
            if cpu > cpu_limit_ms:
                reason = "cpu"
                break
            if used_kb > tree_limit_kb:
                reason = "tree-memory"
                break
            next_check = now + CPU_POLL_S
        wait_s = min(deadline, next_check) - now
        if pidfd is None:
            wait_s = min(wait_s, 0.002)
        try:
            events = poller.poll(max(0.0, wait_s) * 1000.0)
        except InterruptedError:
            events = []
        for fd, _ev in events:
            if fd == pidfd:
                continue
            capture = out if fd == out_r else err if fd == err_r else res
            capture.pump()
            if not capture.open:
                try:
                    poller.unregister(fd)
                except KeyError:
                    pass
    wall_ms = (time.monotonic() - started) * 1000.0
    for capture in (out, err, res):
        capture.pump()
    _debug(f"case over: reason={reason} wall={wall_ms:.0f} ms")
    _kill_tree(me, pid)
    if ended is None:
        ended = _reap_all(pid)
    for capture in (out, err, res):
        capture.pump()
    for fd in (out_r, err_r, res_r):
        os.close(fd)
    if pidfd is not None:
        os.close(pidfd)
    meter.close()
    total = resource.getrusage(resource.RUSAGE_CHILDREN)   # the case process and every descendant
    cpu_ms = _usage_ms(total)
    memory_kb = max(int(total.ru_maxrss), tree_peak_kb)
    status_word = ended[0] if ended else None
    obs = {
        "status": "crashed", "value": None, "exc_type": None, "exc_mro": [], "message": "",
        "phase": "run", "stdout": out.text(), "stderr": err.text(),
        "stdout_truncated": out.over, "stderr_truncated": err.over,
        "cpu_ms": round(cpu_ms, 3), "wall_ms": round(wall_ms, 3), "memory_kb": memory_kb,
    }
    _classify(obs, reason, status_word, res, limits, cpu_ms, cpu_limit_ms, wall_limit_ms, memory_kb,
              tree_limit_kb)
    return obs


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


RESULT_STATUSES = {"ok", "exception", "memory", "output_limit", "crashed"}


def _classify(obs, reason, status_word, res, limits, cpu_ms, cpu_limit_ms, wall_limit_ms, memory_kb,
              tree_limit_kb) -> None:
    mem_limit_kb = int(limits["memory_mb"]) * 1024
    if reason == "wall":
        obs["status"], obs["message"] = "timeout", f"wall-clock limit of {wall_limit_ms:.0f} ms exceeded"
        return
    if reason == "budget":
        obs["status"], obs["message"] = "timeout", "the job's total time budget ran out during this case"
        return
    if reason == "cpu" or cpu_ms > cpu_limit_ms:
        obs["status"], obs["message"] = "timeout", (f"CPU time limit of {cpu_limit_ms} ms exceeded "
                                                    "(the case's processes together)")
        return
    if reason == "tree-memory":
        obs["status"], obs["message"] = "memory", (f"the case's processes together used more than "
                                                   f"{tree_limit_kb // 1024} MiB")
        return
    if reason == "output" or obs["stdout_truncated"] or obs["stderr_truncated"]:
        obs["status"], obs["message"] = "output_limit", f"output over {limits['output_bytes']} bytes on a stream"
        return
    signaled = status_word is not None and os.WIFSIGNALED(status_word)
    if signaled and os.WTERMSIG(status_word) == signal.SIGXCPU:
        obs["status"], obs["message"] = "timeout", f"CPU time limit of {cpu_limit_ms} ms exceeded"
        return
    result = None
    if res.data and not res.over:
        result = _loads(bytes(res.data))
        if not isinstance(result, dict) or not _value_ok(result):
            obs["status"], obs["message"] = "crashed", ("the case wrote a malformed result "
                                                        "(not JSON, or nested too deeply)")
            return
    if result is not None and result.get("status") in RESULT_STATUSES:
        status = result["status"]
        obs["phase"] = result.get("phase") if result.get("phase") in {"import", "run"} else "run"
        if status == "ok":
            obs["status"], obs["value"] = "ok", result.get("value")
            return
        if status == "exception":
            mro = result.get("exc_mro")
            mro = [str(x)[:200] for x in mro[:64]] if isinstance(mro, list) else []
            obs["exc_type"] = str(result.get("exc_type") or "")[:200]
            obs["exc_mro"] = mro
            obs["message"] = str(result.get("message") or "")[:2000]
            obs["status"] = "memory" if "MemoryError" in mro or obs["exc_type"] == "MemoryError" else "exception"
            return
        # memory / output_limit / crashed as the case reported them: our words, not its.
        obs["status"] = status
        obs["message"] = {"memory": "MemoryError", "output_limit": "the returned value is over the size limit",
                          "crashed": "the case's driver failed"}[status]
        return
    if res.data:
        obs["status"], obs["message"] = "crashed", "the case wrote a malformed result"
        return
    if signaled:
        sig = os.WTERMSIG(status_word)
        if sig == signal.SIGKILL and memory_kb >= 0.85 * mem_limit_kb:
            obs["status"], obs["message"] = "memory", "killed for using too much memory"
            return
        obs["status"], obs["message"] = "crashed", f"the case's process was killed by {_signal_name(sig)}"
        return
    code = os.WEXITSTATUS(status_word) if status_word is not None else -1
    obs["status"], obs["message"] = "crashed", f"the case's process exited with code {code} before reporting a result"


# ------------------------------------------------------------------ the wipe (by the supervisor, after its case)


def _remove_everything(path: str, keep: frozenset = frozenset()) -> None:
    """Remove what is inside ``path`` (not ``path`` itself), making every folder we own
    searchable and writable first: a chmod-000 folder does not survive. Iterative."""
    try:
        entries = os.listdir(path)
    except OSError:
        return
    stack = [(os.path.join(path, entry), False) for entry in entries if entry not in keep]
    budget = 500_000
    while stack and budget:
        budget -= 1
        target, visited = stack.pop()
        try:
            info = os.lstat(target)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            if visited:
                try:
                    os.rmdir(target)
                except OSError:
                    pass
                continue
            try:
                os.chmod(target, 0o700)
            except OSError:
                pass
            stack.append((target, True))
            try:
                stack.extend((os.path.join(target, entry), False) for entry in os.listdir(target))
            except OSError:
                pass
        else:
            try:
                os.unlink(target)
            except OSError:
                pass


SYSV = (("shm", "shmid", "shmctl"), ("msg", "msqid", "msgctl"), ("sem", "semid", "semctl"))
IPC_RMID = 0


def _sysv_objects(kind: str, id_column: str) -> list[tuple[int, int]]:
    """(id, owner uid) of every System V IPC object of a kind, from /proc/sysvipc."""
    try:
        with open(f"/proc/sysvipc/{kind}", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    if not lines:
        return []
    header = lines[0].split()
    try:
        id_at, uid_at = header.index(id_column), header.index("uid")
    except ValueError:
        return []
    found = []
    for line in lines[1:]:
        fields = line.split()
        try:
            found.append((int(fields[id_at]), int(fields[uid_at])))
        except (ValueError, IndexError):
            continue
    return found


def _remove_ipc() -> None:
    if _libc is None:
        return
    me = os.getuid()
    for kind, column, call in SYSV:
        for ident, owner in _sysv_objects(kind, column):
            if owner != me:
                continue
            try:
                if kind == "sem":
                    _libc.semctl(ident, 0, IPC_RMID)
                else:
                    getattr(_libc, call)(ident, IPC_RMID, None)
            except Exception:  # noqa: BLE001
                pass


WIPE_ROOTS: list[str] = []
WIPE_KEEP: dict = {}


def _wipe_case(sock: int, opts: Options) -> None:
    for root in WIPE_ROOTS:
        _remove_everything(root, WIPE_KEEP.get(root, frozenset()))
    if opts.wipe_ipc:
        _remove_ipc()
    _send_line(sock, {"t": "wiped"})


# --------------------------------------------------------------------------- the template (forked before the job)


def _template(sock: int, opts: Options) -> None:
    """Never returns. Holds nothing of the job: forks one supervisor per case and, when it is
    gone, kills whatever of the case uid is left."""
    code = 0
    try:
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        _prctl(PR_SET_DUMPABLE, 0)
        sweep = opts.sweep_all and (os.getpid() == 1 or SEPARATE_UIDS)
        while True:
            supervisor = os.fork()
            if supervisor == 0:
                _supervise(sock, opts)
            _, status = _wait_for(supervisor)
            if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:
                break   # the harness is gone
            # Anything of the case uid still alive (a process that escaped, a stopped one) dies now.
            if sweep:
                for _ in range(100):
                    try:
                        os.kill(-1, signal.SIGKILL)
                    except OSError:
                        break
                    _reap_all()
            _kill_tree(os.getpid())
            _reap_all()
    except BaseException:  # noqa: BLE001
        code = 7
    os._exit(code)


def _wait_for(pid: int) -> tuple[int, int]:
    while True:
        try:
            return os.waitpid(pid, 0)
        except InterruptedError:
            continue
        except ChildProcessError:
            return pid, 0


# --------------------------------------------------------------------------- the harness


def _harden_self() -> None:
    for name in HARNESS_IGNORED_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
    _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _prctl(PR_SET_DUMPABLE, 0)


def _vm_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError):
        return 64 * 1024 * 1024


CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PAGE_KB = resource.getpagesize() // 1024
TREE_MEMORY_SLACK_KB = 48 * 1024      # the interpreter every forked process carries
BASE_VM = 0
NPROC = None
SEPARATE_UIDS = False
CGROUP_METERING = False
OBS_GRACE_S = 3.0                     # on top of a case's wall limit, for the supervisor to report
WIPE_TIMEOUT_S = 8.0
MAX_OBS_LINE = MAX_RESULT_BYTES * 2 + 16 * 65536 + 65536


def _checked_observation(line: bytes | None, case_id) -> dict | None:
    """The supervisor's report, validated: JSON types and bounds, known fields only."""
    if line is None:
        return None
    document = _loads(line)
    if not isinstance(document, dict) or document.get("t") != "obs" or not isinstance(document.get("obs"), dict):
        return None
    raw = document["obs"]
    status = raw.get("status")
    if status not in {"ok", "exception", "memory", "output_limit", "crashed", "timeout"}:
        return None
    value = raw.get("value")
    if not _value_ok(value):
        status, value = "crashed", None
        raw = {**raw, "message": "the returned value is nested too deeply or too large"}

    def text(key: str, limit: int) -> str:
        item = raw.get(key)
        return item[:limit] if isinstance(item, str) else ""

    def number(key: str) -> float:
        item = raw.get(key)
        return float(item) if isinstance(item, (int, float)) and not isinstance(item, bool) and item >= 0 else 0.0

    mro = raw.get("exc_mro")
    return {
        "case_id": case_id, "status": status, "value": value,
        "exc_type": text("exc_type", 200) or None,
        "exc_mro": [x[:200] for x in mro[:64] if isinstance(x, str)] if isinstance(mro, list) else [],
        "message": text("message", 2000), "phase": "import" if raw.get("phase") == "import" else "run",
        "stdout": text("stdout", 2 * 65536), "stderr": text("stderr", 2 * 65536),
        "stdout_truncated": raw.get("stdout_truncated") is True,
        "stderr_truncated": raw.get("stderr_truncated") is True,
        "cpu_ms": number("cpu_ms"), "wall_ms": number("wall_ms"), "memory_kb": int(number("memory_kb")),
    }


def _blank_obs(case_id, status: str, message: str) -> dict:
    return {"case_id": case_id, "status": status, "value": None, "exc_type": None, "exc_mro": [],
            "message": message, "phase": "run", "stdout": "", "stderr": "", "stdout_truncated": False,
            "stderr_truncated": False, "cpu_ms": 0.0, "wall_ms": 0.0, "memory_kb": 0}


def _residue(opts: Options, roots: list[str], keep_in: dict) -> str:
    """What the wipe left behind (the harness's own check): '' when clean."""
    for root in roots:
        try:
            left = [entry for entry in os.listdir(root) if entry not in keep_in.get(root, frozenset())]
        except OSError as exc:
            return f"{root}: {type(exc).__name__}"
        if left:
            return f"{len(left)} entr{'y' if len(left) == 1 else 'ies'} left in {root}"
    if opts.wipe_ipc:
        for kind, column, _call in SYSV:
            if _sysv_objects(kind, column):
                return f"System V {kind} objects left"
    return ""


def main(argv: list[str]) -> int:
    global BASE_VM, NPROC, SEPARATE_UIDS, CGROUP_METERING
    opts = Options(argv)
    CGROUP_METERING = opts.cgroup
    if opts.sweep_all and not _alone_in_pid_namespace():
        opts.sweep_all = False
        os.write(2, b"harness: --sweep-all ignored: not alone in a pid namespace\n")
    NPROC = opts.nproc
    own_workdir = opts.workdir is None
    if own_workdir:
        import tempfile

        opts.workdir = tempfile.mkdtemp(prefix="onsite-job-")
        os.chmod(opts.workdir, 0o755)
    workdir = opts.workdir
    tmp_dir = os.path.join(workdir, "tmp") if own_workdir else "/tmp"
    src_dir = os.path.join(workdir, "src")
    run_dir = os.path.join(workdir, "run")
    if own_workdir:
        os.mkdir(tmp_dir, 0o777)
        os.chmod(tmp_dir, 0o777)
    # The supervisor empties the case's folder and every writable place; afterwards the harness
    # removes the (then empty) case folder and checks that nothing is left anywhere.
    roots = [run_dir, workdir] + ([tmp_dir] if own_workdir else []) + list(opts.wipe)
    ours = {"src", "tmp"} if own_workdir else {"src"}   # what the harness made in the work folder
    keep_in = {workdir: frozenset(ours | {"run"})}
    check_roots = roots[1:]
    keep_after = {workdir: frozenset(ours)}
    WIPE_ROOTS[:] = roots
    WIPE_KEEP.update(keep_in)
    # The results channel: a private dup of stdout; fds 1 and 2 go nowhere for anyone else.
    out_fd = os.dup(1)
    os.set_inheritable(out_fd, False)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False))
    _harden_self()
    # Headroom over the interpreter's own mappings (fork inherits them) plus thread stacks.
    BASE_VM = _vm_bytes() + 64 * 1024 * 1024
    SEPARATE_UIDS = os.geteuid() == 0 and opts.case_uid is not None and opts.case_uid != (
        opts.harness_uid if opts.harness_uid is not None else 0)
    gc.collect()
    gc.freeze()  # children share the pre-imported heap without copy-on-write from the collector
    # The template is forked now, before the job is read: it never holds the job.
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    template = os.fork()
    if template == 0:  # pragma: no cover - the template
        try:
            ours.close()
            sock = theirs.detach()
            _to_devnull(0, 2)
            os.close(out_fd)
            os.closerange(3, sock)
            os.closerange(sock + 1, 65536)
            _drop_to(opts.case_uid)
        except BaseException:  # noqa: BLE001
            os._exit(8)
        _template(sock, opts)
    theirs.close()
    link = ours.detach()
    _drop_to(opts.harness_uid)
    _prctl(PR_SET_DUMPABLE, 0)   # a uid change resets it: set it again
    channel = Channel(out_fd)
    try:
        job = read_job(0)
    except EOFError:
        return 3
    _to_devnull(0)
    channel.nonce = str(job.get("nonce", ""))
    cases = job["cases"]
    limits_default = job["limits"]
    entry = job.get("entry") or "solution"
    total_wall_ms = float(job.get("total_wall_ms") or limits_default.get("total_wall_ms") or 60000)
    started = time.monotonic()
    os.mkdir(src_dir, 0o755)
    for name, text in job["files"].items():
        path = os.path.join(src_dir, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(path, 0o444)
    os.chmod(src_dir, 0o555)   # read-only for everyone, the harness included
    has_scenarios = "scenarios.py" in job["files"]
    reader = LineIn(link, MAX_OBS_LINE)
    channel.send("accepted", cases=len(cases), pid=os.getpid())
    try:
        for index, case in enumerate(cases):
            limits = dict(limits_default)
            for key in ("time_limit_ms", "memory_mb"):
                if case.get(key):
                    limits[key] = case[key]
            spent = (time.monotonic() - started) * 1000.0
            remaining = total_wall_ms - spent
            case_wall = 3 * int(limits["time_limit_ms"]) + 1000
            wall_ms = min(case_wall, max(remaining, 1.0))
            channel.send("start", case_id=case.get("id"), wall_ms=wall_ms)
            if remaining <= 0:
                channel.send("obs", **_blank_obs(case.get("id"), "timeout",
                                                 "the job's total time budget ran out before this case"))
                continue
            os.mkdir(run_dir, 0o777)
            os.chmod(run_dir, 0o777)
            _send_line(link, {"case": case, "limits": limits, "entry": entry, "scenarios": has_scenarios,
                              "src": src_dir, "run": run_dir, "tmp": tmp_dir, "wall_ms": wall_ms,
                              "budget_cut": wall_ms < case_wall})
            obs = _checked_observation(reader.read(time.monotonic() + wall_ms / 1000.0 + OBS_GRACE_S),
                                       case.get("id"))
            if obs is None:
                # The case stopped or killed its supervisor, or it never reported: the case's
                # fault; the sandbox cannot be trusted for the next case.
                channel.send("obs", **_blank_obs(case.get("id"), "crashed",
                                                 "the case's supervisor was stopped or killed by its "
                                                 "code; the harness retired the sandbox"))
                channel.send("retire", reason="the case's supervisor did not report")
                return 0
            channel.send("obs", **obs)
            wiped = reader.read(time.monotonic() + WIPE_TIMEOUT_S)
            problem = "" if wiped is not None and _loads(wiped) == {"t": "wiped"} else "the wipe did not finish"
            if not problem:
                try:
                    os.rmdir(run_dir)
                except OSError as exc:
                    problem = f"the case's folder could not be removed ({type(exc).__name__})"
            problem = problem or _residue(opts, check_roots, keep_after)
            if problem and index + 1 < len(cases):
                channel.send("retire", reason=problem)
                return 0
        channel.send("end", cases_run=len(cases), wall_ms=round((time.monotonic() - started) * 1000.0, 3))
    finally:
        if own_workdir:
            _cleanup_own_workdir(workdir)
    return 0


def _cleanup_own_workdir(workdir: str) -> None:
    try:
        os.chmod(os.path.join(workdir, "src"), 0o755)
    except OSError:
        pass
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
