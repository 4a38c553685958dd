"""Capacity of the web tier: ``python -m interviews.bench [--json] [--levels 10,50,100]``.

It starts its own stack, production-like (``DEBUG=False``, JSON logs at INFO to a file,
static files from ``collectstatic``): a ``redis-server`` on a free port, a temporary SQLite
database (migrated; one question per section from the bank), one Celery worker (prefork,
``-c 2``, queues run and submit, the Docker sandbox) and daphne. Then simulated candidates,
each with its own session (asyncio + aiohttp):

    sign in -> start a full-loop interview (5 questions) -> open the room -> every ~3 s autosave
    the current answer, every third time move to another question (open the room again) ->
    Run the coding question once, Submit it once (waiting for the verdict on the submission's
    WebSocket, as the page does) -> finish -> read the report

all at once, at each level of concurrent candidates (default 10, 50 and 100) for
``--duration`` seconds (default 40), against one daphne process; then the middle level again
against ``--compare N`` daphne processes (default 2; candidates spread over them as a proxy
would). Signing in is timed apart (PBKDF2 costs ~0.3 s of CPU by design). Finally a fresh
daphne process holds ``--websockets`` (default 1000) idle WebSockets and its RSS is read from
/proc, and the report of a finished 5-question interview is rendered once with its queries
counted.

``--json`` prints one object; the keys the issue asks for are ``room_p95_ms_50``,
``autosave_p95_ms_50``, ``error_rate_50``, ``ws_idle_1000_rss_mb`` and ``report_queries``
(per level: ``room_p50_ms_<n>``, ``autosave_p95_ms_<n>``, ``requests_per_s_<n>``, ...;
``..._<n>_<k>p`` for k processes). Everything it started is stopped and the temporary folder
removed, also on Ctrl-C or the time limit (``--timeout``, default 2400 s; what was measured by
then is printed). The machine's load average is recorded before, during and after: on a shared
machine the figures move with it.
Figures are recorded in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BANK = ("concepts/model-serving", "dsa/lru-cache", "design/url-shortener", "coding/flatten",
        "behavioral/production-incident")
TRACK = "full-loop"
PASSWORD = "bench-password-not-secret"
AUTOSAVE_EVERY_S = 3.0
SUMMARY = re.compile(r'id="submission-(\d+)-summary"[^>]*data-status="(\w+)"')
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERDICT_TIMEOUT_S = 120.0


class BenchTimeout(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _percentile(values: list[float], fraction: float) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return round(ordered[index], 1)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


class Processes:
    """Every child process the benchmark starts, each in its own session; all stopped at exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.children: list[subprocess.Popen] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        with (self.folder / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.children.append(process)
        return process

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.folder / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def stop_all(self) -> None:
        for process in reversed(self.children):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.children):
            self.stop(process)


def _wait_for_port(port: int, process: subprocess.Popen, what: str, processes: Processes, name: str,
                   timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{what} exited:\n{processes.log_tail(name)}") from None
            if time.monotonic() > deadline:
                raise BenchTimeout(f"{what} did not open port {port} in {timeout:.0f} s") from None
            time.sleep(0.1)


# --- One simulated candidate ----------------------------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.requests = 0
        self.errors: list[str] = []
        self.verdict_timeouts = 0

    def error(self, what: str) -> None:
        self.errors.append(what)


class Candidate:
    def __init__(self, username: str, base_url: str, code: dict[int, str]) -> None:
        import aiohttp

        self.username = username
        self.base_url = base_url
        self.code = code
        # No cap on connections: each open WebSocket holds one (aiohttp's default cap is 100).
        self.session = aiohttp.ClientSession(
            base_url, cookie_jar=aiohttp.CookieJar(unsafe=True), connector=aiohttp.TCPConnector(limit=0),
            timeout=aiohttp.ClientTimeout(total=60))
        self.interview_id: int | None = None

    def _csrf(self) -> str:
        for cookie in self.session.cookie_jar:
            if cookie.key == "csrftoken":
                return cookie.value
        return ""

    async def request(self, stats: Stats, kind: str, method: str, path: str, *, data=None, htmx=False,
                      expect=(200,)) -> tuple[int, str, dict]:
        headers = {"X-CSRFToken": self._csrf()} if method == "POST" else {}
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        stats.requests += 1
        try:
            async with self.session.request(method, path, data=data, headers=headers,
                                            allow_redirects=False) as response:
                body = await response.text()
                elapsed = (time.perf_counter() - started) * 1000.0
                if response.status not in expect:
                    stats.error(f"{kind}: HTTP {response.status} for {method} {path}")
                    return response.status, body, dict(response.headers)
                stats.timings[kind].append(elapsed)
                return response.status, body, dict(response.headers)
        except Exception as error:  # noqa: BLE001 - every failure counts as an error
            stats.error(f"{kind}: {type(error).__name__} {error} for {method} {path}")
            return 0, "", {}

    async def sign_in(self, stats: Stats) -> bool:
        status, body, _ = await self.request(stats, "login_page", "GET", "/accounts/login/")
        if status != 200:
            return False
        status, _, headers = await self.request(
            stats, "login", "POST", "/accounts/login/", expect=(302,),
            data={"username": self.username, "password": PASSWORD, "next": "/dashboard/"})
        return status == 302

    async def start_interview(self, stats: Stats) -> bool:
        status, _, headers = await self.request(stats, "start", "POST", "/interviews/start/",
                                                data={"track": TRACK}, expect=(302,))
        match = re.search(r"/interviews/(\d+)/q/1/", headers.get("Location", ""))
        if not match:
            stats.error(f"start: no interview in {headers.get('Location')!r}")
            return False
        self.interview_id = int(match.group(1))
        return True

    async def _verdict(self, stats: Stats, kind: str, html: str, started: float) -> None:
        import aiohttp

        match = SUMMARY.search(html)
        if not match:
            stats.error(f"{kind}: no submission in the answer")
            return
        submission_id = match.group(1)
        try:
            async with self.session.ws_connect(f"/ws/submissions/{submission_id}/",
                                               headers={"Origin": self.base_url},
                                               timeout=aiohttp.ClientWSTimeout(ws_close=5)) as socket_:
                deadline = time.monotonic() + VERDICT_TIMEOUT_S
                while time.monotonic() < deadline:
                    try:
                        message = await socket_.receive(timeout=deadline - time.monotonic())
                    except TimeoutError:
                        break
                    if message.type != aiohttp.WSMsgType.TEXT:
                        stats.error(f"{kind}: the WebSocket closed ({message.type.name})")
                        return
                    for _, state in SUMMARY.findall(message.data):
                        if state in ("done", "failed"):
                            stats.timings[f"{kind}_verdict"].append((time.perf_counter() - started) * 1000.0)
                            return
                stats.verdict_timeouts += 1
        except Exception as error:  # noqa: BLE001
            stats.error(f"{kind}: WebSocket {type(error).__name__} {error}")

    async def code_action(self, stats: Stats, kind: str, position: int, waits: list) -> None:
        started = time.perf_counter()
        status, html, _ = await self.request(
            stats, kind, "POST", f"/interviews/{self.interview_id}/q/{position}/{kind}/",
            data={"code": self.code[position]}, htmx=True)
        if status == 200:
            waits.append(asyncio.create_task(self._verdict(stats, kind, html, started)))

    async def interview(self, stats: Stats, duration: float, rng: random.Random) -> None:
        """One interview: room, autosaves, a Run and a Submit, finish, report."""
        base = f"/interviews/{self.interview_id}/q"
        positions = [1, 2, 3, 4, 5]
        coding = max(self.code)  # coding/flatten
        position = 1
        stop_at = time.monotonic() + duration
        run_at = time.monotonic() + rng.uniform(0.2, 0.45) * duration
        submit_at = time.monotonic() + rng.uniform(0.55, 0.8) * duration
        waits: list[asyncio.Task] = []
        cycle = 0
        await asyncio.sleep(rng.uniform(0, AUTOSAVE_EVERY_S))  # candidates are not in lockstep
        await self.request(stats, "room", "GET", f"{base}/{position}/")
        while time.monotonic() < stop_at:
            cycle += 1
            draft = self.code.get(position) or f"My answer, revision {cycle}: batching, caching and queues."
            await self.request(stats, "autosave", "POST", f"{base}/{position}/draft/", htmx=True,
                               data={"draft": draft, "seconds_spent": "3"})
            if run_at and time.monotonic() >= run_at:
                run_at = 0
                await self.code_action(stats, "run", coding, waits)
            elif submit_at and time.monotonic() >= submit_at:
                submit_at = 0
                await self.code_action(stats, "submit", coding, waits)
            elif cycle % 3 == 0:
                position = rng.choice([other for other in positions if other != position])
                await self.request(stats, "room", "GET", f"{base}/{position}/")
            await asyncio.sleep(AUTOSAVE_EVERY_S * rng.uniform(0.8, 1.2))
        if waits:
            await asyncio.gather(*waits)
        await self.request(stats, "finish", "POST", f"/interviews/{self.interview_id}/finish/", expect=(302,))
        await self.request(stats, "report", "GET", f"/interviews/{self.interview_id}/report/")

    async def close(self) -> None:
        await self.session.close()


# --- The load levels ------------------------------------------------------------------------------


async def _sign_in_all(candidates: list[Candidate], stats: Stats, concurrency: int = 10) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def one(candidate: Candidate) -> None:
        async with gate:
            await candidate.sign_in(stats)

    await asyncio.gather(*(one(candidate) for candidate in candidates))


async def run_level(candidates: list[Candidate], duration: float, seed: int) -> tuple[Stats, float]:
    stats = Stats()
    await asyncio.gather(*(candidate.start_interview(stats) for candidate in candidates))
    started = time.perf_counter()
    await asyncio.gather(*(candidate.interview(stats, duration, random.Random(seed + index))
                           for index, candidate in enumerate(candidates) if candidate.interview_id))
    return stats, time.perf_counter() - started


def _summarise(stats: Stats, elapsed: float, suffix: str) -> dict:
    result = {}
    for kind in ("room", "autosave", "run", "submit", "report", "run_verdict", "submit_verdict"):
        values = stats.timings.get(kind, [])
        result[f"{kind}_p50_ms_{suffix}"] = _percentile(values, 0.5)
        result[f"{kind}_p95_ms_{suffix}"] = _percentile(values, 0.95)
    result[f"requests_{suffix}"] = stats.requests
    result[f"requests_per_s_{suffix}"] = round(stats.requests / elapsed, 1) if elapsed else None
    result[f"errors_{suffix}"] = len(stats.errors)
    result[f"error_rate_{suffix}"] = round(len(stats.errors) / stats.requests, 4) if stats.requests else None
    result[f"verdict_timeouts_{suffix}"] = stats.verdict_timeouts
    if stats.errors:
        result[f"error_examples_{suffix}"] = sorted(set(stats.errors))[:5]
    return result


async def idle_websockets(base_url: str, username: str, submission_id: int, count: int, pid: int) -> dict:
    """Open `count` WebSockets to one daphne process and leave them idle; its RSS before and after."""
    import aiohttp

    candidate = Candidate(username, base_url, {})
    stats = Stats()
    await candidate.sign_in(stats)
    # Warm the process up (first page, first WebSocket) so the baseline includes Django's imports.
    await candidate.request(stats, "warm", "GET", "/dashboard/")
    before = _rss_mb(pid)
    sockets = []
    gate = asyncio.Semaphore(25)
    failures = 0

    async def connect() -> None:
        nonlocal failures
        async with gate:
            socket_ = None
            try:
                socket_ = await asyncio.wait_for(candidate.session.ws_connect(
                    f"/ws/submissions/{submission_id}/", headers={"Origin": base_url},
                    timeout=aiohttp.ClientWSTimeout(ws_close=5)), 60)
                message = await socket_.receive(timeout=60)  # the state sent on connect
                if message.type != aiohttp.WSMsgType.TEXT:
                    raise RuntimeError(f"the WebSocket answered {message.type.name}")
                sockets.append(socket_)
                if len(sockets) % 200 == 0:
                    print(f"  {len(sockets)} WebSockets open, RSS {_rss_mb(pid)} MB", file=sys.stderr, flush=True)
            except Exception as error:  # noqa: BLE001
                failures += 1
                if failures <= 3:
                    print(f"  a WebSocket failed: {type(error).__name__} {error}", file=sys.stderr, flush=True)
                if socket_ is not None:
                    await socket_.close()

    started = time.perf_counter()
    await asyncio.gather(*(connect() for _ in range(count)))
    connected_s = time.perf_counter() - started
    await asyncio.sleep(5)  # idle
    after = _rss_mb(pid)
    open_now = sum(not socket_.closed for socket_ in sockets)
    for socket_ in sockets:
        await socket_.close()
    await candidate.close()
    return {f"ws_idle_{count}_rss_mb": after, f"ws_idle_{count}_baseline_rss_mb": before,
            f"ws_idle_{count}_per_socket_kb": round((after - before) * 1024 / max(1, open_now), 1),
            f"ws_idle_{count}_open": open_now, f"ws_idle_{count}_failed": failures,
            f"ws_idle_{count}_connect_s": round(connected_s, 1)}


# --- Setting up and running everything ------------------------------------------------------------


def _prepare_database(folder: Path, users: int) -> dict[int, str]:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from references.loader import BANK_ROOT
    from references.models import Question
    from references.services import bank_sync

    for key in BANK:
        shutil.copytree(BANK_ROOT / key, folder / "bank" / key)
    bank_sync(root=folder / "bank")
    password = make_password(PASSWORD)  # hashed once: the candidates share it
    User = get_user_model()
    User.objects.bulk_create([User(username=f"candidate{index}", password=password) for index in range(users)])
    # full-loop: 1 concept, 2 DSA (lru-cache), 3 design, 4 coding (flatten), 5 behavioral.
    return {position: Question.objects.get(section=section, slug=slug).current.solution
            for position, (section, slug) in ((2, ("dsa", "lru-cache")), (4, ("coding", "flatten")))}


def _report_queries(username: str) -> dict:
    """Queries to render the report of a finished 5-question interview (the last one of `username`)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from interviews.models import Interview

    interview = Interview.objects.filter(owner__username=username).order_by("-pk").first()
    client = Client()
    client.force_login(interview.owner)
    url = f"/interviews/{interview.pk}/report/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {"report_queries": len(queries), "report_status": response.status_code,
            "report_questions": interview.items.count()}


def _start_daphne(processes: Processes, env: dict[str, str], name: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = processes.start(name, [str(Path(sys.executable).parent / "daphne"), "-b", "127.0.0.1",
                                     "-p", str(port), "--access-log", os.devnull, "config.asgi:application"], env)
    _wait_for_port(port, process, "daphne", processes, name)
    return process, f"http://127.0.0.1:{port}"


def _wait_for_drain(timeout: float) -> int:
    from grader.models import Status, Submission

    deadline = time.monotonic() + timeout
    while True:
        waiting = Submission.objects.filter(status__in=[Status.QUEUED, Status.RUNNING]).count()
        if not waiting or time.monotonic() > deadline:
            return waiting
        time.sleep(1)


def measure(options, folder: Path, processes: Processes, env: dict[str, str], results: dict) -> None:
    """Fill `results` as each part finishes (what was measured survives a --timeout)."""
    levels = options.levels
    users = max(levels)
    code = _prepare_database(folder, users + 1)
    results.update({"levels": levels, "duration_s": options.duration, "track": TRACK, "cpus": os.cpu_count(),
                    "load_before": _load(), "database": "sqlite"})

    # 1,000 idle WebSockets on a fresh process (first, before the load has grown the database),
    # all on one submission of candidate0, from a session of its own.
    from grader import services as grader_services
    from grader.models import Mode
    from references.models import Question

    flatten = Question.objects.get(section="coding", slug="flatten").current
    submission = grader_services.submission_create(owner=_user("candidate0"), version=flatten,
                                                   code=flatten.solution, mode=Mode.RUN)
    process, base_url = _start_daphne(processes, env, "daphne-ws")
    try:
        results.update(asyncio.run(idle_websockets(base_url, "candidate0", submission.pk, options.websockets,
                                                   process.pid)))
    finally:
        processes.stop(process)
    _progress(options, "websockets", results, (f"ws_idle_{options.websockets}_rss_mb",))

    from config.celery import app as celery_app

    worker_name = f"bench-web-{os.getpid()}@{socket.gethostname()}"
    worker = processes.start("worker", [
        str(Path(sys.executable).parent / "celery"), "-A", "config", "worker", "-Q", "run,submit", "-c", "2",
        "--pool", "prefork", "-n", worker_name, "--without-gossip", "--without-mingle", "--without-heartbeat"], env)
    deadline = time.monotonic() + 90
    while not celery_app.control.ping(destination=[worker_name], timeout=0.5):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not start:\n{processes.log_tail('worker')}")

    def run_against(web_processes: int, level: int, suffix: str) -> None:
        servers = [_start_daphne(processes, env, f"daphne-{suffix}-{index}") for index in range(web_processes)]
        try:
            async def go() -> tuple[Stats, float, Stats]:
                candidates = [Candidate(f"candidate{index}", servers[index % len(servers)][1], code)
                              for index in range(level)]
                sign_in = Stats()
                started = time.perf_counter()
                await _sign_in_all(candidates, sign_in)
                results[f"sign_in_s_{suffix}"] = round(time.perf_counter() - started, 1)
                try:
                    stats, elapsed = await run_level(candidates, options.duration, seed=level)
                finally:
                    for candidate in candidates:
                        await candidate.close()
                return stats, elapsed, sign_in

            stats, elapsed, sign_in = asyncio.run(go())
            results.update(_summarise(stats, elapsed, suffix))
            results[f"login_p95_ms_{suffix}"] = _percentile(sign_in.timings.get("login", []), 0.95)
            results[f"sign_in_errors_{suffix}"] = len(sign_in.errors)
            results[f"load_{suffix}"] = _load()
            results[f"web_rss_mb_{suffix}"] = max(_rss_mb(process.pid) for process, _ in servers)
        finally:
            for process, _ in servers:
                processes.stop(process)
        results[f"backlog_after_{suffix}"] = _wait_for_drain(options.drain)
        _progress(options, suffix, results, tuple(f"{key}_{suffix}" for key in (
            "room_p95_ms", "autosave_p95_ms", "error_rate", "requests_per_s", "load")))

    for index, level in enumerate(levels):
        run_against(1, level, str(level))
        if index == 0:
            results.update(_report_queries("candidate0"))
    if options.compare > 1:
        middle = levels[len(levels) // 2]
        run_against(options.compare, middle, f"{middle}_{options.compare}p")
    results["load_after"] = _load()


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _progress(options, part: str, results: dict, keys: tuple[str, ...]) -> None:
    """One line on stderr per finished part, so a long run shows where it is."""
    print(f"  {part}: " + ", ".join(f"{key}={results.get(key)}" for key in keys), file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interviews.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--levels", default="10,50,100", help="concurrent candidates per level (default 10,50,100)")
    parser.add_argument("--duration", type=float, default=40, help="seconds of each level (default 40)")
    parser.add_argument("--compare", type=int, default=2,
                        help="also run the middle level against this many daphne processes (default 2; 1: skip)")
    parser.add_argument("--websockets", type=int, default=1000, help="idle WebSockets on one process (default 1000)")
    parser.add_argument("--drain", type=float, default=60,
                        help="seconds to let the worker finish a level's grading before the next (default 120)")
    parser.add_argument("--timeout", type=float, default=2400,
                        help="give up after this many seconds, printing what was measured (default 2400)")
    options = parser.parse_args(argv)
    try:
        options.levels = sorted({int(level) for level in options.levels.split(",") if level.strip()})
    except ValueError:
        parser.error(f"--levels must be comma-separated numbers, got {options.levels!r}")
    if not options.levels or min(options.levels) < 1 or options.duration <= 0 or options.websockets < 1:
        parser.error("--levels, --duration and --websockets must be positive")
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        parser.error("the benchmark needs aiohttp (requirements-dev.txt)")

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = options.websockets * 2 + 1024
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))

    results: dict = {}
    status = 0
    folder = Path(tempfile.mkdtemp(prefix="onsite-web-bench-"))
    processes = Processes(folder)
    previous_sigterm = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    previous_alarm = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(
        BenchTimeout(f"the benchmark ran past --timeout {options.timeout:.0f} s")))
    signal.alarm(int(options.timeout))
    try:
        port = _free_port()
        redis = processes.start("redis", ["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                          "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
                                          "--dir", str(folder)], dict(os.environ))
        _wait_for_port(port, redis, "redis-server", processes, "redis")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "REDIS_URL": f"redis://127.0.0.1:{port}/0",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DEBUG": "False",
            "SECRET_KEY": "interviews-bench-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "SECURE_SSL_REDIRECT": "False",
            "SECURE_COOKIES": "False",
            "SECURE_HSTS_SECONDS": "0",
            "SANDBOX_BACKEND": "docker",
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("WORKER_METRICS_PORT", None)
        env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        os.environ.update({**env, "LOG_LEVEL": "WARNING"})  # this process: only what goes wrong
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO, env=env,
                       check=True)
        measure(options, folder, processes, env, results)
    except (BenchTimeout, KeyboardInterrupt) as error:
        print(f"interviews.bench: {error or 'interrupted'}; printing what was measured", file=sys.stderr)
        results["incomplete"] = str(error) or "interrupted"
        status = 1
    finally:
        signal.alarm(0)
        processes.stop_all()
        signal.signal(signal.SIGTERM, previous_sigterm)
        signal.signal(signal.SIGALRM, previous_alarm)
        shutil.rmtree(folder, ignore_errors=True)
    if options.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(map(len, results), default=0)
        for key, value in results.items():
            print(f"{key:<{width}}  {value}")
    return status


if __name__ == "__main__":
    sys.exit(main())
