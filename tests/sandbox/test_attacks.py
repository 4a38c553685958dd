"""Hostile programs against the docker backend (a real engine, no mocks).

Each test asserts the outcome of the attack, that the sandbox it ran in was clean for the
next case (``probe``), and — through the ``docker`` fixture — that every container it used
was removed and that the next job on the same pool is unaffected.
"""

from __future__ import annotations

import secrets
import socket

from tests.sandbox.conftest import CANARY
from tests.sandbox.helpers import CLEAN, call, host_processes_matching

PROBE_CASE = call("probe", "probe")


def test_fork_bomb(docker):
    obs, summary = docker("""
        import os
        def attack():
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
    """, [call("bomb", "attack"), PROBE_CASE], time_limit_ms=300)
    assert obs["bomb"].status == "timeout"
    assert obs["probe"].value == CLEAN
    assert summary.status == "completed"


def test_memory_bomb_at_once(docker):
    obs, _ = docker("""
        def attack():
            return len(bytearray(2 * 1024 ** 3))
    """, [call("bomb", "attack"), PROBE_CASE], memory_mb=64)
    assert obs["bomb"].status == "memory"
    assert obs["probe"].value == CLEAN


def test_memory_bomb_gradual(docker):
    obs, _ = docker("""
        def attack():
            hoard = []
            while True:
                hoard.append(bytearray(1024 * 1024))
    """, [call("bomb", "attack"), PROBE_CASE], memory_mb=64)
    assert obs["bomb"].status == "memory"
    assert obs["bomb"].memory_kb > 40 * 1024
    assert obs["probe"].value == CLEAN


def test_cpu_loop(docker):
    obs, _ = docker("""
        def attack():
            while True:
                pass
    """, [call("spin", "attack"), PROBE_CASE], time_limit_ms=300)
    assert obs["spin"].status == "timeout"
    assert obs["spin"].cpu_ms <= 1500        # stopped at the CPU limit (or the wall limit under load)
    assert obs["spin"].cpu_ms >= 250 or "wall" in obs["spin"].message
    assert obs["probe"].value == CLEAN


def test_sleep_forever(docker):
    obs, _ = docker("""
        import time
        def attack():
            time.sleep(10 ** 6)
    """, [call("sleep", "attack"), PROBE_CASE], time_limit_ms=200)
    assert obs["sleep"].status == "timeout"
    assert 1500 <= obs["sleep"].wall_ms < 6000  # wall = 3 x CPU + 1000
    assert obs["sleep"].cpu_ms < 200
    assert obs["probe"].value == CLEAN


def test_child_that_outlives_the_case(docker):
    marker = f"9999.{secrets.randbelow(10 ** 6):06d}"
    obs, _ = docker(f"""
        import os, subprocess
        def daemon():
            if os.fork() == 0:          # double fork + setsid: a classic daemon
                os.setsid()
                if os.fork() == 0:
                    os.execv("/bin/sleep", ["sleep", "{marker}"])
                os._exit(0)
            subprocess.Popen(["/bin/sleep", "{marker}"], start_new_session=True)
            return "left behind"
    """, [call("daemon", "daemon"), PROBE_CASE])
    assert obs["daemon"].status == "ok" and obs["daemon"].value == "left behind"
    assert obs["probe"].value == CLEAN  # killed before the next case started
    assert host_processes_matching(marker) == []


def test_disk_fill_every_writable_path(docker):
    obs, _ = docker("""
        import os
        def attack():
            outcome = {}
            for folder in (".", "/tmp", "/dev/shm", "/work", "/work/src", "/dev/mqueue", "/run", "/var/tmp"):
                written = 0
                try:
                    for i in range(1000):
                        with open(os.path.join(folder, f"fill-{i}"), "wb") as handle:
                            for _ in range(64):
                                handle.write(b"x" * 65536)
                                written += 65536
                    outcome[folder] = "no limit"
                except OSError as exc:
                    outcome[folder] = [type(exc).__name__, written // (1024 * 1024)]
            return outcome
    """, [call("fill", "attack"), PROBE_CASE], time_limit_ms=3000)
    outcome = obs["fill"].value
    assert obs["fill"].status == "ok", obs["fill"]
    assert "no limit" not in outcome.values(), outcome
    for folder in (".", "/tmp", "/work"):   # the tmpfs is full at its cap (32 MiB), not beyond
        assert outcome[folder][1] <= 40, outcome
    assert obs["probe"].value == CLEAN      # wiped before the next case


def test_writing_outside_the_working_folder(docker):
    obs, _ = docker("""
        import os
        def attack():
            denied = {}
            for path in ("/etc/passwd", "/opt/onsite/harness/runner.py", "/opt/onsite/harness/drivers.py",
                         "/usr/lib/python3.11/json/__init__.py", "/escape", "/proc/sys/kernel/hostname",
                         "/sys/fs/cgroup/pids.max", "/proc/1/oom_score_adj"):
                try:
                    with open(path, "a") as handle:
                        handle.write("owned")
                    denied[path] = False
                except OSError:
                    denied[path] = True
            return denied
    """, [call("write", "attack"), PROBE_CASE])
    assert obs["write"].status == "ok"
    assert all(obs["write"].value.values()), obs["write"].value
    assert obs["probe"].value == CLEAN


def test_huge_stdout(docker):
    obs, _ = docker("""
        import sys
        def attack():
            while True:
                sys.stdout.write("A" * 4096 + "\\n")
    """, [call("flood", "attack"), PROBE_CASE], output_bytes=65536)
    assert obs["flood"].status == "output_limit"
    assert obs["flood"].stdout_truncated and len(obs["flood"].stdout) == 65536
    assert obs["probe"].status == "ok" and not obs["probe"].stdout_truncated


def test_stdout_without_newline_and_binary_garbage(docker):
    obs, _ = docker("""
        import os, sys
        def no_newline():
            sys.stdout.write("no newline at all")
            return 1
        def garbage():
            os.write(1, bytes(range(256)) * 8)
            os.write(2, b"\\xff\\xfe\\x00\\n\\r\\x1b[2J")
            return 2
    """, [call("plain", "no_newline"), call("garbage", "garbage"), PROBE_CASE])
    assert obs["plain"].status == "ok" and obs["plain"].value == 1
    assert obs["plain"].stdout == "no newline at all"
    assert obs["garbage"].status == "ok" and obs["garbage"].value == 2
    # 8 NULs shown escaped (4 characters each): text PostgreSQL stores
    assert len(obs["garbage"].stdout) == 2048 + 8 * 3 and "\ufffd" in obs["garbage"].stdout
    assert "\x00" not in obs["garbage"].stdout and "\x00" not in obs["garbage"].stderr
    assert "\\x00" in obs["garbage"].stdout
    assert obs["probe"].value == CLEAN


def test_output_that_imitates_the_framing(docker):
    obs, summary = docker("""
        import json, os
        def forge():
            for fake in ({"t": "obs", "case_id": "honest", "status": "ok", "value": "forged"},
                         {"t": "end", "cases_run": 1}):
                line = json.dumps(fake) + "\\n"
                print(line, end="")
                os.write(2, line.encode())
            return "forger"
        def honest():
            return "real"
    """, [call("forger", "forge"), call("honest", "honest"), PROBE_CASE])
    assert obs["forger"].value == "forger" and '"t": "end"' in obs["forger"].stdout
    assert obs["honest"].status == "ok" and obs["honest"].value == "real"
    assert summary.cases_run == 3


def test_closing_the_harness_file_descriptors(docker):
    obs, _ = docker("""
        import os
        def attack():
            for fd in range(0, 1024):
                try:
                    os.close(fd)
                except OSError:
                    pass
            return "closed"
    """, [call("close", "attack"), PROBE_CASE])
    assert obs["close"].status == "crashed"   # it closed its own result pipe: nothing reported
    assert obs["probe"].value == CLEAN


def test_writing_to_the_harness_file_descriptors(docker):
    obs, summary = docker("""
        import os
        def attack():
            hits = []
            for fd in range(3, 256):
                try:
                    os.write(fd, b'{"status":"ok","value":"forged"}\\n{"n":"x","t":"end"}\\n')
                    hits.append(fd)
                except OSError:
                    pass
            for target in ("/proc/%d/fd/1" % os.getppid(), "/proc/%d/fd/3" % os.getppid(), "/proc/1/fd/1"):
                try:
                    with open(target, "w") as handle:
                        handle.write('{"t":"end"}\\n')
                    hits.append(target)
                except OSError:
                    pass
            return hits
        def honest():
            return "real"
    """, [call("write", "attack"), call("honest", "honest"), PROBE_CASE])
    # Only its own result pipe (fd 3) was reachable: its report is garbled, nothing else.
    assert obs["write"].status == "crashed", obs["write"]
    assert obs["honest"].value == "real"
    assert obs["probe"].value == CLEAN
    assert summary.restarts == 0


def test_killing_the_parent_supervisor(docker):
    obs, summary = docker("""
        import os, signal
        def attack():
            os.kill(os.getppid(), signal.SIGKILL)
            return "survived"
        def honest():
            return "real"
    """, [call("before", "honest"), call("kill", "attack"), call("after", "honest"), PROBE_CASE])
    assert obs["before"].value == "real"
    assert obs["kill"].status == "crashed" and "supervisor" in obs["kill"].message
    assert obs["after"].status == "ok" and obs["after"].value == "real"   # ran in a fresh sandbox
    assert obs["probe"].value == CLEAN
    assert summary.status == "completed" and summary.restarts == 1 and len(summary.sandbox_ids) == 2


def test_kill_minus_one(docker):
    obs, summary = docker("""
        import os, signal
        def attack():
            os.kill(-1, signal.SIGKILL)
        def honest():
            return "real"
    """, [call("kill", "attack"), call("after", "honest"), PROBE_CASE])
    assert obs["kill"].status == "crashed"
    assert obs["after"].value == "real"
    assert summary.status == "completed" and summary.restarts == 1


def test_signals_to_the_parent(docker):
    obs, summary = docker("""
        import os, signal
        def attack():
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGPIPE,
                        signal.SIGALRM, signal.SIGQUIT, signal.SIGTSTP):
                os.kill(os.getppid(), sig)
            return "sent"
        def honest():
            return "real"
    """, [call("signals", "attack"), call("after", "honest"), PROBE_CASE])
    assert obs["signals"].value == "sent" and obs["after"].value == "real"
    assert summary.restarts == 0


def test_stopping_the_parent(docker):
    obs, summary = docker("""
        import os, signal
        def attack():
            os.kill(os.getppid(), signal.SIGSTOP)
            return "stopped it"
        def honest():
            return "real"
    """, [call("stop", "attack"), call("after", "honest"), PROBE_CASE], time_limit_ms=200)
    assert obs["stop"].status == "crashed" and "stopped or killed" in obs["stop"].message
    assert obs["after"].value == "real"
    assert summary.status == "completed" and summary.restarts == 1


def test_secrets_in_proc_and_environment(docker):
    obs, _ = docker("""
        import os
        def attack():
            seen = [repr(dict(os.environ))]
            for entry in os.listdir("/proc"):
                for name in ("environ", "cmdline"):
                    try:
                        with open(f"/proc/{entry}/{name}", "rb") as handle:
                            seen.append(handle.read().decode("latin-1"))
                    except OSError:
                        pass
            for path in ("/proc/self/mountinfo", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf"):
                try:
                    with open(path) as handle:
                        seen.append(handle.read())
                except OSError:
                    pass
            return "\\n".join(seen)
    """, [call("snoop", "attack"), PROBE_CASE])
    assert obs["snoop"].status == "ok"
    text = obs["snoop"].value
    assert CANARY not in text and "ONSITE_SANDBOX_CANARY" not in text
    assert "docker.sock" not in text
    assert obs["probe"].value == CLEAN


def test_network_egress_and_loopback_to_the_host(docker):
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(5)
    tcp.settimeout(0.2)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.settimeout(0.2)
    try:
        obs, _ = docker(f"""
            import socket
            def attack():
                result = {{"interfaces": sorted(name for _, name in socket.if_nameindex())}}
                try:
                    socket.create_connection(("127.0.0.1", {tcp.getsockname()[1]}), timeout=1)
                    result["tcp"] = "connected"
                except OSError as exc:
                    result["tcp"] = type(exc).__name__
                try:
                    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    s.sendto(b"hello", ("127.0.0.1", {udp.getsockname()[1]}))
                    result["udp"] = "sent"
                except OSError as exc:
                    result["udp"] = type(exc).__name__
                try:
                    socket.getaddrinfo("example.com", 80)
                    result["dns"] = "resolved"
                except OSError as exc:
                    result["dns"] = type(exc).__name__
                return result
        """, [call("net", "attack"), PROBE_CASE])
        value = obs["net"].value
        assert value["interfaces"] == ["lo"], value          # no route out at all
        assert value["tcp"] != "connected" and value["dns"] != "resolved", value
        try:
            tcp.accept()
            raise AssertionError("the sandbox reached the host's loopback over TCP")
        except TimeoutError:
            pass
        try:
            udp.recvfrom(100)
            raise AssertionError("the sandbox reached the host's loopback over UDP")
        except TimeoutError:
            pass
    finally:
        tcp.close()
        udp.close()


def test_raising_limits_with_setrlimit_and_ctypes(docker):
    obs, _ = docker("""
        import ctypes, resource
        def attack():
            result = {}
            for name in ("RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_NOFILE", "RLIMIT_FSIZE"):
                which = getattr(resource, name)
                try:
                    resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
                    result[name] = "raised"
                except (ValueError, OSError) as exc:
                    result[name] = type(exc).__name__
            libc = ctypes.CDLL(None, use_errno=True)
            big = (ctypes.c_ulong * 2)(2 ** 63, 2 ** 63)
            result["prlimit"] = libc.prlimit(0, resource.RLIMIT_AS, big, None)
            result["setuid"] = libc.setuid(0)
            hoard = bytearray(1024 ** 3)   # the limit still holds
            return result
    """, [call("raise", "attack"), PROBE_CASE], memory_mb=64)
    assert obs["raise"].status == "memory", obs["raise"]
    assert obs["probe"].value == CLEAN


def test_recursion_limit_bomb(docker):
    obs, _ = docker("""
        import sys
        def attack():
            sys.setrecursionlimit(10 ** 8)
            def down(n):
                return down(n + 1) + 1
            return down(0)
        def polite():
            def down(n):
                return down(n + 1) + 1
            return down(0)
    """, [call("bomb", "attack"), call("polite", "polite"), PROBE_CASE])
    assert obs["bomb"].status in {"crashed", "memory", "exception", "timeout"}, obs["bomb"]
    assert obs["polite"].status == "exception" and obs["polite"].exc_type == "RecursionError"
    assert obs["probe"].value == CLEAN


def test_module_that_never_finishes_importing(docker):
    obs, summary = docker("""
        while True:
            pass
    """, [call("a", "f"), call("b", "f")], probe=False, time_limit_ms=200)
    assert obs["a"].status == "timeout" and obs["b"].status == "timeout"
    assert summary.status == "completed"


def test_exit_mid_case(docker):
    obs, _ = docker("""
        import os, sys
        def polite():
            sys.exit(3)
        def brutal():
            print("bye", flush=True)
            os._exit(0)
    """, [call("sys_exit", "polite"), call("os_exit", "brutal"), PROBE_CASE])
    assert obs["sys_exit"].status == "exception" and obs["sys_exit"].exc_type == "SystemExit"
    assert obs["os_exit"].status == "crashed" and "exited with code 0" in obs["os_exit"].message
    assert obs["os_exit"].stdout == "bye\n"
    assert obs["probe"].value == CLEAN


def test_threads_that_keep_running(docker):
    obs, _ = docker("""
        import threading, time
        def spin():
            while True:
                pass
        def attack():
            for _ in range(4):
                threading.Thread(target=spin).start()        # non-daemon threads
            return "returned"
        def honest():
            start = time.process_time()
            sum(range(10 ** 5))
            return time.process_time() - start < 0.2
    """, [call("threads", "attack"), call("honest", "honest"), PROBE_CASE])
    assert obs["threads"].status in {"ok", "timeout"}
    assert obs["honest"].value is True
    assert obs["probe"].value == CLEAN


def test_monkeypatching_builtins_and_the_harness(docker):
    obs, summary = docker("""
        import builtins, json, os, sys
        def attack():
            builtins.print = lambda *a, **k: None
            json.dumps = lambda *a, **k: '{"status": "ok", "value": "forged"}'
            json.loads = lambda *a, **k: {"status": "ok", "value": "forged"}
            sys.modules["drivers"].encode = lambda value, depth=0: "forged"
            os._exit = lambda code: None
            raise ValueError("really failed")
        def honest():
            return [1, 2]
    """, [call("patch", "attack"), call("honest", "honest"), PROBE_CASE])
    assert obs["patch"].status == "exception" and obs["patch"].exc_type == "ValueError"
    assert obs["honest"].value == [1, 2]
    assert summary.restarts == 0


def test_syntax_error(docker):
    obs, _ = docker("""
        def broken(:
            pass
    """, [call("a", "broken"), call("b", "broken")], probe=False)
    for case in ("a", "b"):
        assert obs[case].status == "exception" and obs[case].phase == "import"
        assert obs[case].exc_type == "SyntaxError"


def test_extremely_large_returned_value(docker):
    obs, _ = docker("""
        def huge():
            return "x" * (4 * 1024 * 1024)     # over the 1 MiB cap once encoded
        def huge_int():
            return 10 ** 20000
        def deep():
            value = []
            for _ in range(5000):
                value = [value]
            return value
    """, [call("huge", "huge"), call("int", "huge_int"), call("deep", "deep"), PROBE_CASE], time_limit_ms=2000)
    assert obs["huge"].status == "output_limit", obs["huge"]
    assert obs["int"].status == "ok" and "$repr" in obs["int"].value
    assert obs["deep"].status == "ok"
    assert obs["probe"].value == CLEAN


def test_thread_bomb_and_stdin(docker):
    obs, _ = docker("""
        import threading, time
        def threads():
            started = 0
            try:
                while True:
                    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
                    started += 1
            except RuntimeError:
                return started
        def stdin():
            return input()
    """, [call("threads", "threads"), call("stdin", "stdin"), PROBE_CASE])
    assert obs["threads"].status in {"ok", "memory"}
    if obs["threads"].status == "ok":
        assert obs["threads"].value < 80    # the pids limit
    assert obs["stdin"].status == "exception" and obs["stdin"].exc_type == "EOFError"
    assert obs["probe"].value == CLEAN


def test_exec_from_writable_folders_and_privileges(docker):
    obs, _ = docker("""
        import os, stat
        def attack():
            result = {}
            path = "/tmp/payload.sh"
            with open(path, "w") as handle:
                handle.write("#!/bin/sh\\necho pwned\\n")
            os.chmod(path, 0o755)
            try:
                os.execv(path, [path])
            except OSError as exc:
                result["exec_tmp"] = type(exc).__name__
            for name, action in (("setuid", lambda: os.setuid(0)), ("chroot", lambda: os.chroot("/tmp")),
                                 ("mknod", lambda: os.mknod("/tmp/dev", stat.S_IFCHR | 0o666, os.makedev(1, 3)))):
                try:
                    action()
                    result[name] = "allowed"
                except OSError as exc:
                    result[name] = type(exc).__name__
            result["uid"] = os.getuid()
            return result
    """, [call("exec", "attack"), PROBE_CASE])
    value = obs["exec"].value
    assert value["exec_tmp"] == "PermissionError" and value["uid"] == 65534, value
    assert "allowed" not in value.values(), value
    assert obs["probe"].value == CLEAN
