"""The trusted parent inside the sandbox: one job in, one observation per case out.

Started once per submission (in a fresh container, or as a local subprocess by the
process backend). It imports everything it needs *before* reading the job, so that a
warm container has already paid for the interpreter and the imports: it then blocks on
stdin until the job arrives, and forks one child per case from this pre-imported state.

Protocol (see sandbox/protocol.py, the host side):
- stdin: one ASCII line with the payload length in bytes, then the JSON payload
  ``{"nonce", "files", "entry", "cases", "limits", "total_wall_ms"}``. EOF is not needed.
- stdout (the results channel): JSON lines ``{"n": nonce, "t": kind, ...}`` with kinds
  ``accepted``, ``start`` (a case begins), ``obs`` (a case finished), ``end``.
  Nothing else ever writes to it: the harness moves it to a private descriptor that no
  child inherits, and points fds 1 and 2 at /dev/null.

Each child: new session, default signals, rlimits (address space, CPU, file size, open
files, no core), fds 0/1/2 = /dev/null and two capped pipes, every other fd closed except
the result pipe, a clean environment. It imports the candidate's module, calls
``drivers.run_case`` and writes one JSON document to the result pipe. The parent enforces
CPU and wall time, kills the child's session and every leftover descendant after each case,
and wipes the writable folders, so one case cannot poison the next.

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
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import drivers  # noqa: E402  (the lead's file: the call / calls / scenario drivers)

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
        self.child_uid = None       # process backend running as root: drop children to this uid
        self.nproc = None           # RLIMIT_NPROC budget for children (process backend only)
        self.pidns = False
        args = list(argv)
        while args:
            arg = args.pop(0)
            if arg == "--sweep-all":
                self.sweep_all = True
            elif arg == "--workdir":
                self.workdir = args.pop(0)
            elif arg == "--wipe":
                self.wipe.append(args.pop(0))
            elif arg == "--child-uid":
                self.child_uid = int(args.pop(0))
            elif arg == "--nproc":
                self.nproc = int(args.pop(0))
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


def _child(job: dict, case: dict, limits: dict, opts: Options, run_dir: str, src_dir: str,
           out_w: int, err_w: int, res_w: int) -> None:
    """Runs in the forked child. Never returns."""
    code = 70
    try:
        os.setsid()
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
        # Let the OOM killer pick the case, never the harness.
        _prctl(PR_SET_DUMPABLE, 1)
        try:
            with open("/proc/self/oom_score_adj", "w") as handle:
                handle.write("1000")
        except OSError:
            pass
        if opts.child_uid is not None and os.geteuid() == 0:
            os.setgroups([])
            os.setgid(opts.child_uid)
            os.setuid(opts.child_uid)
        _prctl(PR_SET_DUMPABLE, 0)  # keep the result pipe out of reach of /proc tricks
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
        if opts.nproc is not None:
            _set_limit(resource.RLIMIT_NPROC, opts.nproc)
        os.environ.clear()
        os.environ.update(SAFE_ENV)
        os.environ["TMPDIR"] = TMP_FOR_CHILD or "/tmp"
        os.chdir(run_dir)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8",
                                      errors="backslashreplace", line_buffering=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8",
                                      errors="backslashreplace", line_buffering=True)
        sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin
        sys.path[:] = [src_dir] + [p for p in sys.path if p != HERE]
        sys.dont_write_bytecode = True
        write, dumps = os.write, json.dumps  # keep our own references (monkeypatching)
        result = _run_in_child(job, case)
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
    except BaseException:  # noqa: BLE001 - the child must never unwind into the harness loop
        code = 70
    finally:
        os._exit(code)


def _run_in_child(job: dict, case: dict) -> dict:
    entry = job.get("entry") or "solution"
    try:
        module = importlib.import_module(entry)
        scenarios = None
        if "scenarios.py" in job["files"]:
            scenarios = importlib.import_module("scenarios")
    except MemoryError:
        return {"status": "memory", "phase": "import", "message": "MemoryError while importing"}
    except BaseException as exc:  # noqa: BLE001 - SyntaxError, SystemExit, anything
        return {"status": "exception", "phase": "import", **_exc_fields(exc)}
    try:
        result = drivers.run_case(module, case, scenarios)
    except MemoryError:
        return {"status": "memory", "phase": "run", "message": "MemoryError"}
    except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt, ...
        return {"status": "exception", "phase": "run", **_exc_fields(exc)}
    if not isinstance(result, dict):
        return {"status": "crashed", "phase": "run", "message": "driver returned a non-dict"}
    result = dict(result)
    result["phase"] = "run"
    return result


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


# --------------------------------------------------------------------------- the parent side of a case


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


def _cpu_ms_of(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    try:
        fields = raw[raw.rindex(b")") + 2:].split()
        ticks = int(fields[11]) + int(fields[12])
    except (ValueError, IndexError):
        return None
    return ticks * 1000.0 / CLK_TCK


def _kill_leftovers(opts: Options, first_pid: int) -> None:
    """Kill the case's session and every descendant that escaped it (double fork, setsid)."""
    try:
        os.killpg(first_pid, signal.SIGKILL)
    except OSError:
        pass
    if opts.sweep_all:
        for _ in range(100):
            try:
                os.kill(-1, signal.SIGKILL)
            except ProcessLookupError:
                break
            except OSError:
                break
            _reap_all()
    me = os.getpid()
    for _ in range(100):
        found = False
        for child in _children_of(me):
            found = True
            try:
                os.kill(child, signal.SIGKILL)
            except OSError:
                pass
        _reap_all()
        if not found:
            break
        time.sleep(0.001)
    _reap_all()


def _children_of(pid: int) -> list[int]:
    pids = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            pids = [int(x) for x in handle.read().split()]
        return pids
    except OSError:
        pass
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                raw = handle.read()
            ppid = int(raw[raw.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            pids.append(int(entry))
    return pids


def _reap_all() -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        except InterruptedError:
            continue
        if pid == 0:
            return


def _wipe(path: str, keep_dir: bool = True) -> None:
    try:
        entries = os.listdir(path)
    except OSError:
        return
    for entry in entries:
        full = os.path.join(path, entry)
        try:
            if os.path.isdir(full) and not os.path.islink(full):
                shutil.rmtree(full, ignore_errors=True)
            else:
                os.unlink(full)
        except OSError:
            pass


def _prepare_dirs(job: dict, opts: Options) -> tuple[str, str]:
    root = opts.workdir
    _wipe(root)
    for path in opts.wipe:
        _wipe(path)
    src_dir = os.path.join(root, "src")
    run_dir = os.path.join(root, "run")
    os.mkdir(src_dir, 0o755)
    os.mkdir(run_dir, 0o777)
    os.chmod(run_dir, 0o777)
    for name, text in job["files"].items():
        with open(os.path.join(src_dir, name), "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(os.path.join(src_dir, name), 0o644)
    if TMP_FOR_CHILD:
        os.makedirs(TMP_FOR_CHILD, mode=0o777, exist_ok=True)
        os.chmod(TMP_FOR_CHILD, 0o777)
    return src_dir, run_dir


def run_one(job: dict, case: dict, limits: dict, opts: Options, wall_budget_ms: float) -> dict:
    """Run one case in a fresh child and return its observation fields."""
    cpu_limit_ms = int(limits["time_limit_ms"])
    wall_limit_ms = min(3 * cpu_limit_ms + 1000, max(wall_budget_ms, 1.0))
    budget_cut = wall_limit_ms < 3 * cpu_limit_ms + 1000
    src_dir, run_dir = _prepare_dirs(job, opts)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(out_r), os.close(err_r), os.close(res_r)
        _child(job, case, limits, opts, run_dir, src_dir, out_w, err_w, res_w)
    for fd in (out_w, err_w, res_w):
        os.close(fd)
    for fd in (out_r, err_r, res_r):
        os.set_blocking(fd, False)
    cap = int(limits["output_bytes"])
    out, err = Capture(out_r, cap), Capture(err_r, cap)
    res = Capture(res_r, MAX_RESULT_BYTES + 4096)
    pidfd = None
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pidfd = None
    poller = select.poll()
    for fd in (out_r, err_r, res_r):
        poller.register(fd, select.POLLIN)
    if pidfd is not None:
        poller.register(pidfd, select.POLLIN)
    deadline = started + wall_limit_ms / 1000.0
    reason = None
    status_word = None
    rusage = None
    next_cpu_check = started + CPU_POLL_S
    while True:
        done_pid, status_word, rusage = os.wait4(pid, os.WNOHANG)
        if done_pid == pid:
            break
        now = time.monotonic()
        if now >= deadline:
            reason = "budget" if budget_cut else "wall"
            break
        if out.over or err.over:
            reason = "output"
            break
        if now >= next_cpu_check:
            cpu = _cpu_ms_of(pid)
            if cpu is not None and cpu > cpu_limit_ms:
                reason = "cpu"
                break
            next_cpu_check = now + CPU_POLL_S
        wait_s = min(deadline, next_cpu_check) - now
        if pidfd is None:
            wait_s = min(wait_s, 0.002)
        try:
            events = poller.poll(max(0.0, wait_s) * 1000.0)
        except InterruptedError:
            events = []
        for fd, _ev in events:
            if fd == out_r:
                out.pump()
            elif fd == err_r:
                err.pump()
            elif fd == res_r:
                res.pump()
            if fd != pidfd and not (out.open if fd == out_r else err.open if fd == err_r else res.open):
                try:
                    poller.unregister(fd)
                except KeyError:
                    pass
    if reason is not None:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        _done, status_word, rusage = os.wait4(pid, 0)
    wall_ms = (time.monotonic() - started) * 1000.0
    for capture in (out, err, res):
        capture.pump()
    _kill_leftovers(opts, pid)
    for capture in (out, err, res):
        capture.pump()
    for fd in (out_r, err_r, res_r):
        os.close(fd)
    if pidfd is not None:
        os.close(pidfd)
    cpu_ms = (rusage.ru_utime + rusage.ru_stime) * 1000.0 if rusage else 0.0
    memory_kb = int(rusage.ru_maxrss) if rusage else 0
    obs = {
        "case_id": case.get("id"),
        "status": "crashed",
        "value": None,
        "exc_type": None,
        "exc_mro": [],
        "message": "",
        "phase": "run",
        "stdout": out.text(),
        "stderr": err.text(),
        "stdout_truncated": out.over,
        "stderr_truncated": err.over,
        "cpu_ms": round(cpu_ms, 3),
        "wall_ms": round(wall_ms, 3),
        "memory_kb": memory_kb,
    }
    _classify(obs, reason, status_word, res, limits, cpu_ms, cpu_limit_ms, wall_limit_ms, memory_kb)
    return obs


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _classify(obs, reason, status_word, res, limits, cpu_ms, cpu_limit_ms, wall_limit_ms, memory_kb) -> None:
    mem_limit_kb = int(limits["memory_mb"]) * 1024
    if reason == "wall":
        obs["status"], obs["message"] = "timeout", f"wall-clock limit of {wall_limit_ms:.0f} ms exceeded"
        return
    if reason == "budget":
        obs["status"], obs["message"] = "timeout", "the job's total time budget ran out during this case"
        return
    if reason == "cpu" or cpu_ms > cpu_limit_ms:
        obs["status"], obs["message"] = "timeout", f"CPU time limit of {cpu_limit_ms} ms exceeded"
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
        try:
            result = json.loads(bytes(res.data))
        except ValueError:
            result = None
        if not isinstance(result, dict):
            result = None
    if result is not None and result.get("status") in {"ok", "exception", "memory", "output_limit", "crashed"}:
        status = result["status"]
        obs["phase"] = result.get("phase") if result.get("phase") in {"import", "run"} else "run"
        if status == "ok":
            obs["status"], obs["value"] = "ok", result.get("value")
            return
        if status == "exception":
            mro = result.get("exc_mro")
            mro = [str(x) for x in mro] if isinstance(mro, list) else []
            obs["exc_type"] = str(result.get("exc_type") or "")
            obs["exc_mro"] = mro
            obs["message"] = str(result.get("message") or "")[:2000]
            obs["status"] = "memory" if "MemoryError" in mro or obs["exc_type"] == "MemoryError" else "exception"
            return
        obs["status"] = status
        obs["message"] = str(result.get("message") or "")[:2000]
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


# --------------------------------------------------------------------------- main


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
BASE_VM = 0
TMP_FOR_CHILD = ""


def main(argv: list[str]) -> int:
    global BASE_VM, TMP_FOR_CHILD
    opts = Options(argv)
    if opts.sweep_all and not _alone_in_pid_namespace():
        opts.sweep_all = False
        os.write(2, b"harness: --sweep-all ignored: not alone in a pid namespace\n")
    own_workdir = opts.workdir is None
    if own_workdir:
        import tempfile

        opts.workdir = tempfile.mkdtemp(prefix="onsite-job-")
        os.chmod(opts.workdir, 0o755)
        TMP_FOR_CHILD = os.path.join(opts.workdir, "tmp")
    # The results channel: a private dup of stdout; fds 1 and 2 go nowhere from now on
    # (2 is kept as a diagnostics fd for the harness's own crashes).
    out_fd = os.dup(1)
    os.set_inheritable(out_fd, False)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False))
    _harden_self()
    # Headroom over the interpreter's own mappings (fork inherits them) plus thread stacks.
    BASE_VM = _vm_bytes() + 64 * 1024 * 1024
    channel = Channel(out_fd)
    gc.collect()
    gc.freeze()  # children share the pre-imported heap without copy-on-write from the collector
    try:
        job = read_job(0)
    except EOFError:
        return 3
    channel.nonce = str(job.get("nonce", ""))
    cases = job["cases"]
    limits_default = job["limits"]
    total_wall_ms = float(job.get("total_wall_ms") or limits_default.get("total_wall_ms") or 60000)
    started = time.monotonic()
    channel.send("accepted", cases=len(cases), pid=os.getpid())
    try:
        for case in cases:
            limits = dict(limits_default)
            for key in ("time_limit_ms", "memory_mb"):
                if case.get(key):
                    limits[key] = case[key]
            spent = (time.monotonic() - started) * 1000.0
            remaining = total_wall_ms - spent
            channel.send("start", case_id=case.get("id"),
                         wall_ms=min(3 * int(limits["time_limit_ms"]) + 1000, max(remaining, 1.0)))
            if remaining <= 0:
                obs = {"case_id": case.get("id"), "status": "timeout", "value": None, "exc_type": None,
                       "exc_mro": [], "message": "the job's total time budget ran out before this case",
                       "phase": "run", "stdout": "", "stderr": "", "stdout_truncated": False,
                       "stderr_truncated": False, "cpu_ms": 0.0, "wall_ms": 0.0, "memory_kb": 0}
            else:
                obs = run_one(job, case, limits, opts, remaining)
            channel.send("obs", **obs)
        channel.send("end", cases_run=len(cases), wall_ms=round((time.monotonic() - started) * 1000.0, 3))
    finally:
        if own_workdir:
            shutil.rmtree(opts.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
