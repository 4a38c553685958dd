"""The ``process`` backend: the same harness as a local subprocess (no Docker needed).

For a single-user machine: rlimits per case, a new session, a clean environment, and where
the kernel allows, new pid, network and mount namespaces through ``unshare`` (then the harness
is pid 1 of its namespace: a case cannot signal it, and everything dies with it). Running as
root, cases also drop to uid/gid 65534. It is weaker than a container (no memory cgroup, no
disk quota, the host's file system is visible read-mostly), which is why it refuses to start
in production (``debug=False``) unless ``allow_in_production=True``.

``isolation=False`` runs the bare harness (no namespaces, no uid drop): the benchmark's floor.
"""

from __future__ import annotations

import functools
import os
import select
import shutil
import signal
import subprocess
import sys
import warnings

from .types import Job

RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "image", "harness", "runner.py")
CHILD_UID = 65534


def _world_readable_python() -> str:
    """An interpreter whose standard library the unprivileged case user (65534) can read.

    Cases drop to uid 65534 before importing what they need; a Python under root's home
    (pyenv) is unreadable to that user, so prefer the system's interpreter when it is 3.11+.
    """
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.stat(system).st_mode & 0o005:
        try:
            probe = subprocess.run([system, "-I", "-S", "-c", "import sys; print(sys.version_info >= (3, 11))"],
                                   capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return sys.executable
        if probe.stdout.strip() == "True":
            return system
    return sys.executable


class ProcessBackendRefused(RuntimeError):
    """The process backend was asked to run in production without an explicit opt-in."""


@functools.cache
def unshare_prefix() -> tuple[str, ...] | None:
    """The unshare command that works on this machine, or None (then: a warning, no namespaces)."""
    unshare = shutil.which("unshare")
    if not unshare:
        return None
    base = [unshare, "--pid", "--fork", "--kill-child", "--mount", "--mount-proc", "--net"]
    options = [base] if os.geteuid() == 0 else []
    options.append([unshare, "--user", "--map-root-user", *base[1:]])
    for prefix in options:
        try:
            probe = subprocess.run([*prefix, sys.executable, "-I", "-S", "-c", "import os; print(os.getpid())"],
                                   capture_output=True, timeout=10, env={"PATH": "/usr/bin:/bin"})
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0 and probe.stdout.strip() == b"1":
            return tuple(prefix)
    return None


class ProcessSession:
    def __init__(self, argv: list[str]) -> None:
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
            start_new_session=True, close_fds=True, cwd="/",
        )
        self.ident = f"pid:{self.proc.pid}"
        self.fds = {self.proc.stdout.fileno(): "out", self.proc.stderr.fileno(): "err"}
        for fd in self.fds:
            os.set_blocking(fd, False)
        self.poller = select.poll()
        for fd in self.fds:
            self.poller.register(fd, select.POLLIN)
        self.open_fds = set(self.fds)

    def send(self, data: bytes) -> None:
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the harness is gone: the reader will see EOF

    def read(self, timeout: float):
        if not self.open_fds:
            return ("eof", b"")
        events = self.poller.poll(max(0.0, timeout) * 1000.0)
        for fd, _event in events:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                self.poller.unregister(fd)
                self.open_fds.discard(fd)
                if self.fds[fd] == "out":
                    return ("eof", b"")
                continue
            return (self.fds[fd], chunk)
        return None

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def oom_killed(self) -> bool:
        return False

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass


class ProcessBackend:
    name = "process"

    def __init__(self, *, debug: bool = True, allow_in_production: bool = False, isolation: bool = True,
                 python: str | None = None) -> None:
        if not debug and not allow_in_production:
            raise ProcessBackendRefused(
                "the process sandbox backend refuses to run in production (debug=False): it has no "
                "memory cgroup, no disk quota and shares the host's file system, so it cannot contain "
                "hostile code as the docker backend does. Start a Docker Engine and build the image "
                "(python -m sandbox.imagebuild ensure), or pass allow_in_production=True "
                "(allow_process_in_production) if you accept the risk."
            )
        self.isolation = isolation
        self.python = python or _world_readable_python()
        self.prefix: tuple[str, ...] = ()
        self.harness_args: list[str] = []
        if isolation:
            prefix = unshare_prefix()
            if prefix is None:
                warnings.warn("sandbox: unshare is not available here: the process backend runs "
                              "cases without pid/network namespaces", RuntimeWarning, stacklevel=2)
            else:
                self.prefix = prefix
                self.harness_args.append("--sweep-all")
            if os.geteuid() == 0 and "--user" not in self.prefix:
                self.harness_args += ["--child-uid", str(CHILD_UID)]

    def argv(self, job: Job) -> list[str]:
        args = list(self.harness_args)
        if self.isolation:
            # RLIMIT_NPROC counts every process of the uid on the host: budget on top of them.
            uid = CHILD_UID if "--child-uid" in args else os.getuid()
            args += ["--nproc", str(_process_count(uid) + job.limits.processes)]
        return [*self.prefix, self.python, "-I", "-S", "-B", RUNNER, *args]

    def open(self, job: Job) -> ProcessSession:
        return ProcessSession(self.argv(job))

    def close(self) -> None:
        pass

    def drain(self, timeout: float = 0) -> None:
        pass


def _process_count(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += 1
            except OSError:
                continue
    return count
