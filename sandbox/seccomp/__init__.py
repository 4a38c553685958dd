"""The seccomp profile of the docker backend: moby's default, minus what no solution needs.

``moby-default.json`` is moby's default profile as published (github.com/moby/profiles,
seccomp/default.json). ``profile.json`` is what containers get (``security_opt
seccomp=<json>``): the default with every syscall of ``DENY`` taken out of every allow rule
(so it fails with EPERM, the profile's default action), the kernel-version rule that allows
``ptrace`` on kernels >= 4.8 dropped, and the rules that capabilities we never grant would
enable kept harmless. Regenerate after editing ``DENY``::

    python -m sandbox.seccomp write     # rewrites profile.json; `check` verifies it is current

sandbox/README.md explains each entry.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UPSTREAM = HERE / "moby-default.json"
PROFILE = HERE / "profile.json"

#: syscall -> why a case must not have it. Most are already refused by moby's default unless a
#: capability is granted (we grant only CAP_SETUID/CAP_SETGID); listing them keeps them refused
#: even if that changes.
DENY = {
    "ptrace": "trace or poke the harness, pid 1 or another case process (forging results)",
    "process_vm_readv": "read another process's memory (the harness's job, other cases' inputs)",
    "process_vm_writev": "write another process's memory (inject result records)",
    "process_madvise": "act on another process's memory",
    "kcmp": "compare another process's descriptors (find the results channel)",
    "pidfd_getfd": "take a descriptor (the results channel) out of another process",
    "perf_event_open": "observe other processes and the kernel; a large attack surface",
    "bpf": "load programs into the kernel",
    "userfaultfd": "stall the kernel on a page fault at will (a race-exploit primitive)",
    "keyctl": "the kernel keyring is not namespaced: it could carry data between cases",
    "add_key": "as keyctl",
    "request_key": "as keyctl",
    "unshare": "new namespaces: escape the pid/uid view the sweep and the wipe rely on",
    "setns": "join another namespace",
    "mount": "change the file system view",
    "umount2": "as mount",
    "umount": "as mount",
    "pivot_root": "as mount",
    "chroot": "as mount",
    "open_by_handle_at": "open files by handle, around path permissions",
    "name_to_handle_at": "as open_by_handle_at",
    "fanotify_init": "watch other processes' file activity",
    "io_uring_setup": "io_uring does system calls that seccomp does not see",
    "io_uring_enter": "as io_uring_setup",
    "io_uring_register": "as io_uring_setup",
    "mq_open": "POSIX message queues outlive a case and cannot be listed without /dev/mqueue: refused",
    "mq_unlink": "as mq_open",
    "mq_timedsend": "as mq_open",
    "mq_timedreceive": "as mq_open",
    "mq_notify": "as mq_open",
    "mq_getsetattr": "as mq_open",
    "acct": "process accounting of the host",
    "syslog": "the kernel log",
    "vhangup": "the terminal",
    "reboot": "the machine",
    "init_module": "kernel modules",
    "finit_module": "kernel modules",
    "delete_module": "kernel modules",
}


def build() -> dict:
    profile = copy.deepcopy(json.loads(UPSTREAM.read_text()))
    rules = []
    for rule in profile["syscalls"]:
        if rule["action"] == "SCMP_ACT_ALLOW":
            if set(rule.get("includes", {})) == {"minKernel"}:
                continue   # moby allows ptrace & co on kernels >= 4.8: not here
            names = [name for name in rule["names"] if name not in DENY]
            if not names:
                continue
            rule = {**rule, "names": names}
        rules.append(rule)
    profile["syscalls"] = rules
    return profile


def profile_json() -> str:
    """The profile the containers get, as compact JSON (what the Docker API takes)."""
    return json.dumps(json.loads(PROFILE.read_text()), separators=(",", ":"))


def main(argv: list[str]) -> int:
    text = json.dumps(build(), indent=1) + "\n"
    if argv[:1] == ["write"]:
        PROFILE.write_text(text)
        print(f"wrote {PROFILE}")
        return 0
    if argv[:1] == ["check"]:
        current = PROFILE.read_text() if PROFILE.exists() else ""
        print("profile.json is current" if current == text else "profile.json is stale: run `write`")
        return 0 if current == text else 1
    print("usage: python -m sandbox.seccomp write|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
