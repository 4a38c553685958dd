"""The ``docker`` backend (the product): one hardened container per submission, warm pool.

Every container is created with: no network, root with only CAP_SETUID/CAP_SETGID (the
harness drops to uid 65533 and the cases to 65534, which clears them), our seccomp profile
(sandbox/seccomp/), no-new-privileges, read-only root, size-capped noexec tmpfs for /work and /tmp, a small
/dev/shm, private IPC, a pids limit, a memory limit with swap equal to it, a CPU quota,
nofile/fsize/core ulimits, a capped log, docker-init as pid 1, and labels a sweep finds.
Nothing of the host is mounted or passed in the environment. The job goes in over the
attach socket's stdin; results come back on its stdout. Containers are never reused and
never entered with exec: after the job, the container is removed (force) off the request
path; a reaper removes any container of ours that outlived its owner or its age.

Warm pool: ``pool_size`` containers are created and *started* ahead of time, their harness
blocked on stdin after importing everything. Taking one replaces it in the background.
``prestart=False`` keeps them created-but-not-started instead (attach, then start): the
benchmark (python -m sandbox.bench) measures both; warm-started is the default because it
hides the interpreter start and the imports as well as the container start.
"""

from __future__ import annotations

import collections
import logging
import os
import select
import socket
import threading
import time

from . import seccomp, stats
from .protocol import Demux
from .types import Job, Limits

log = logging.getLogger("sandbox")

LABEL = "onsite.sandbox"
LABEL_OWNER = "onsite.sandbox.owner"
LABEL_CREATED = "onsite.sandbox.created"
LABEL_EXPIRES = "onsite.sandbox.expires"
POOL_MAX_AGE_S = 600          # an idle pool container older than this is replaced
HARNESS_OVERHEAD_MB = 256     # harness + tmpfs contents (counted by the memory cgroup) + slack
TMPFS_MB = 32
HARNESS_UID = 65533
CASE_UID = 65534
HARNESS_COMMAND = [
    "/usr/local/bin/python3", "-I", "-S", "-B", "/opt/onsite/harness/runner.py",
    "--sweep-all", "--workdir", "/work", "--wipe", "/tmp", "--wipe", "/dev/shm", "--wipe-ipc",
    "--harness-uid", str(HARNESS_UID), "--case-uid", str(CASE_UID), "--cgroup-meter",
]
SHM_MB = 4


class BackendUnavailable(RuntimeError):
    """The Docker Engine does not answer, or the sandbox image is missing."""


def _own_start_time(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            raw = handle.read()
        return raw[raw.rindex(b")") + 2:].split()[19].decode()
    except (OSError, ValueError, IndexError):
        return "?"


def owner_label() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_own_start_time(pid)}"


def _owner_alive(owner: str) -> bool:
    try:
        host, pid_text, start = owner.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname():
        return True  # another machine's: only its expiry can retire it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return _own_start_time(pid) == start


def _api():
    import docker

    return docker.from_env(timeout=60).api


def sweep(api=None, *, now: float | None = None) -> list[str]:
    """Remove our containers (by label) whose owner died or whose expiry passed. Returns ids."""
    api = api or _api()
    now = time.time() if now is None else now
    removed = []
    for info in api.containers(all=True, filters={"label": f"{LABEL}=1"}):
        labels = info.get("Labels") or {}
        try:
            expires = float(labels.get(LABEL_EXPIRES, "0"))
        except ValueError:
            expires = 0.0
        if _owner_alive(labels.get(LABEL_OWNER, "")) and now < expires:
            continue
        try:
            api.remove_container(info["Id"], force=True)
            removed.append(info["Id"])
        except Exception as exc:  # noqa: BLE001 - already gone, or being removed
            log.debug("sandbox sweep: %s: %s", info["Id"][:12], exc)
    if removed:
        log.info("sandbox sweep removed %d container(s)", len(removed))
    return removed


class Sizing(collections.namedtuple("Sizing", "memory_mb processes")):
    @classmethod
    def for_job(cls, job: Job) -> Sizing:
        memory = max([job.limits.memory_mb] + [int(c.get("memory_mb") or 0) for c in job.cases])
        return cls(memory + HARNESS_OVERHEAD_MB, job.limits.processes + 8)

    @classmethod
    def for_limits(cls, limits: Limits) -> Sizing:
        return cls(limits.memory_mb + HARNESS_OVERHEAD_MB, limits.processes + 8)

    def covers(self, other: Sizing) -> bool:
        return self.memory_mb >= other.memory_mb and self.processes >= other.processes


class DockerSession:
    def __init__(self, backend: DockerBackend, cid: str, started: bool) -> None:
        self.backend = backend
        self.cid = cid
        self.ident = cid
        self.demux = Demux()
        self.frames: collections.deque = collections.deque()
        self.sock = None
        api = backend.api
        try:
            self.sock = api.attach_socket(cid, params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
            self.raw = getattr(self.sock, "_sock", self.sock)
            self.raw.setblocking(False)
            if not started:
                api.start(cid)
        except Exception:
            self.close()
            raise

    def send(self, data: bytes) -> None:
        view = memoryview(data)
        deadline = time.monotonic() + 30
        while view:
            try:
                view = view[self.raw.send(view):]
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError("the sandbox did not take its job") from None
                select.select([], [self.raw], [], 0.5)
            except OSError:
                return  # gone: the reader sees EOF

    def read(self, timeout: float):
        if self.frames:
            return self.frames.popleft()
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.raw], [], [], max(0.0, remaining))
            if not ready:
                return None
            try:
                chunk = self.raw.recv(1 << 16)
            except BlockingIOError:
                continue
            except OSError:
                return ("eof", b"")
            if not chunk:
                return ("eof", b"")
            self.frames.extend(self.demux.feed(chunk))
            if self.frames:
                return self.frames.popleft()
            if time.monotonic() >= deadline:
                return None

    def kill(self) -> None:
        try:
            self.backend.api.kill(self.cid)
        except Exception:  # noqa: BLE001 - already dead or gone
            pass

    def oom_killed(self) -> bool:
        try:
            state = self.backend.api.inspect_container(self.cid)["State"]
        except Exception:  # noqa: BLE001
            return False
        return bool(state.get("OOMKilled"))

    def close(self) -> None:
        try:
            if self.sock is not None:
                self.sock.close()
                if self.raw is not self.sock:
                    self.raw.close()
        except Exception:  # noqa: BLE001
            pass
        self.backend.dispose(self.cid)


class DockerBackend:
    name = "docker"

    def __init__(self, *, pool_size: int = 2, image: str | None = None, prestart: bool = True,
                 limits: Limits | None = None, cpus: float = 1.0, sweep_interval_s: float = 60.0) -> None:
        import docker

        from . import imagebuild

        try:
            self.api = _api()
            self.api.ping()
        except Exception as exc:  # noqa: BLE001
            raise BackendUnavailable(f"no Docker Engine answers: {exc}") from exc
        self.image = image or imagebuild.image_tag()
        try:
            self.api.inspect_image(self.image)
        except docker.errors.ImageNotFound as exc:
            raise BackendUnavailable(
                f"the sandbox image {self.image} is missing: run `python -m sandbox.imagebuild ensure`"
            ) from exc
        self.pool_size = max(0, int(pool_size))
        self.prestart = prestart
        self.cpus = cpus
        self.sizing = Sizing.for_limits(limits or Limits())
        self.sweep_interval_s = sweep_interval_s
        self.owner = owner_label()
        self._ready: collections.deque = collections.deque()   # (cid, created_monotonic)
        self._lock = threading.Condition()
        self._trash: collections.deque = collections.deque()
        self._trash_cv = threading.Condition()
        self._busy_removing = 0
        self._closed = False
        self._threads = []
        try:
            sweep(self.api)
        except Exception as exc:  # noqa: BLE001
            log.warning("sandbox sweep failed: %s", exc)
        self._start_thread(self._remover_loop, "sandbox-remover")
        self._start_thread(self._filler_loop, "sandbox-pool")

    # ---------------------------------------------------------------- containers

    def _start_thread(self, target, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def create(self, api, sizing: Sizing, start: bool) -> str:
        from docker.types import LogConfig, Ulimit

        created = time.time()
        tmpfs_opts = f"rw,noexec,nosuid,nodev,size={TMPFS_MB}m,mode=1777"
        host_config = api.create_host_config(
            network_mode="none",
            # Root with only SETUID/SETGID: the harness and the cases drop to two different uids
            # (which clears these too); pid 1 (docker-init) stays root, out of every case's reach.
            cap_drop=["ALL"],
            cap_add=["SETUID", "SETGID"],
            security_opt=["no-new-privileges:true", f"seccomp={seccomp.profile_json()}"],
            read_only=True,
            tmpfs={"/work": tmpfs_opts, "/tmp": tmpfs_opts},
            shm_size=f"{SHM_MB}m",
            ipc_mode="private",
            pids_limit=sizing.processes,
            mem_limit=f"{sizing.memory_mb}m",
            memswap_limit=f"{sizing.memory_mb}m",
            nano_cpus=int(self.cpus * 1e9),
            ulimits=[Ulimit(name="nofile", soft=256, hard=256),
                     Ulimit(name="fsize", soft=16 << 20, hard=16 << 20),
                     Ulimit(name="core", soft=0, hard=0)],
            log_config=LogConfig(type="json-file", config={"max-size": "256k", "max-file": "1"}),
            init=True,
            oom_score_adj=500,
        )
        container = api.create_container(
            self.image,
            user="0:0",
            command=HARNESS_COMMAND,
            stdin_open=True,
            tty=False,
            network_disabled=True,
            working_dir="/work",
            hostname="sandbox",
            environment={},
            labels={LABEL: "1", LABEL_OWNER: self.owner, LABEL_CREATED: f"{created:.0f}",
                    LABEL_EXPIRES: f"{created + POOL_MAX_AGE_S + 3600:.0f}"},
            host_config=host_config,
        )
        cid = container["Id"]
        if start:
            try:
                api.start(cid)
            except Exception:
                self.dispose(cid)
                raise
        return cid

    def open(self, job: Job) -> DockerSession:
        needed = Sizing.for_job(job)
        if self.sizing.covers(needed):
            with self._lock:
                item = self._ready.popleft() if self._ready else None
                self._lock.notify_all()
                stats.emit("taken" if item is not None else "miss", ready=len(self._ready))
            if item is not None:
                return DockerSession(self, item[0], started=self.prestart)
            sizing = self.sizing
        else:
            sizing = needed
        cid = self.create(self.api, sizing, start=False)   # cold: attach before start
        return DockerSession(self, cid, started=False)

    def dispose(self, cid: str) -> None:
        with self._trash_cv:
            self._trash.append(cid)
            self._trash_cv.notify_all()

    # ---------------------------------------------------------------- threads

    def _filler_loop(self) -> None:
        api = _api()
        next_sweep = time.monotonic() + self.sweep_interval_s
        failures = 0
        while not self._closed:
            now = time.monotonic()
            if now >= next_sweep:
                next_sweep = now + self.sweep_interval_s
                try:
                    sweep(api)
                except Exception as exc:  # noqa: BLE001
                    log.warning("sandbox sweep failed: %s", exc)
            with self._lock:
                while self._ready and now - self._ready[0][1] > POOL_MAX_AGE_S:
                    self.dispose(self._ready.popleft()[0])
                missing = self.pool_size - len(self._ready)
                if missing <= 0:
                    self._lock.wait(timeout=min(5.0, max(0.1, next_sweep - now)))
                    continue
            try:
                cid = self.create(api, self.sizing, start=self.prestart)
                failures = 0
            except Exception as exc:  # noqa: BLE001
                failures += 1
                log.warning("sandbox pool: could not create a container: %s", exc)
                stats.emit("refill_failed")
                time.sleep(min(10.0, 0.5 * failures))
                continue
            with self._lock:
                if self._closed:
                    self.dispose(cid)
                else:
                    self._ready.append((cid, time.monotonic()))
                    self._lock.notify_all()
                    stats.emit("refilled", ready=len(self._ready))

    def _remover_loop(self) -> None:
        api = _api()
        while True:
            with self._trash_cv:
                while not self._trash and not self._closed:
                    self._trash_cv.wait()
                if not self._trash and self._closed:
                    return
                cid = self._trash.popleft()
                self._busy_removing += 1
            try:
                api.remove_container(cid, force=True)
            except Exception as exc:  # noqa: BLE001
                if "No such container" not in str(exc) and "already in progress" not in str(exc):
                    log.warning("sandbox: could not remove %s: %s", cid[:12], exc)
            finally:
                with self._trash_cv:
                    self._busy_removing -= 1
                    self._trash_cv.notify_all()

    # ---------------------------------------------------------------- lifecycle

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """Block until the pool is full (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self._ready) < self.pool_size:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(timeout=remaining)
        return True

    def drain(self, timeout: float = 30.0) -> bool:
        """Block until every disposed container has been removed."""
        deadline = time.monotonic() + timeout
        with self._trash_cv:
            while self._trash or self._busy_removing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._trash_cv.wait(timeout=remaining)
        return True

    def ready_ids(self) -> list[str]:
        with self._lock:
            return [cid for cid, _ in self._ready]

    def close(self) -> None:
        """Stop the pool, remove its idle containers, and wait for every removal."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        filler, remover = self._threads[1], self._threads[0]
        filler.join(timeout=60)
        with self._lock:
            while self._ready:
                self.dispose(self._ready.popleft()[0])
        with self._trash_cv:
            self._trash_cv.notify_all()
        remover.join(timeout=60)
