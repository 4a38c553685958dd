"""Host side of the harness protocol: the job on stdin, JSON lines back, robust framing.

The harness writes one JSON record per line on its stdout (``accepted``, ``start``, ``obs``,
``end``), each carrying the job's nonce. Candidate output never reaches that stream (it goes
to capped pipes inside the sandbox), but the reader still trusts nothing: chunks are buffered
per stream, a partial line longer than ``max_line`` is dropped, lines that do not parse or
lack the nonce are counted and ignored, and an unfinished last record is treated as missing.
"""

from __future__ import annotations

import json
import struct

from .safety import HostileValue, loads_bounded

MAX_LINE = 8 * 1024 * 1024   # an observation: value (<= 1 MiB) + two escaped 64 KiB streams + slack
MAX_DIAG = 16 * 1024          # the harness's own stderr kept for diagnostics


def encode_job(nonce: str, files: dict, entry: str, cases: list, limits: dict, total_wall_ms: float) -> bytes:
    payload = json.dumps(
        {"nonce": nonce, "files": files, "entry": entry, "cases": cases, "limits": limits,
         "total_wall_ms": total_wall_ms},
        ensure_ascii=True, separators=(",", ":"),
    ).encode("ascii")
    return str(len(payload)).encode("ascii") + b"\n" + payload


class LineReader:
    """Turns chunks (not lines) into records; caps partial lines; never trusts content."""

    def __init__(self, nonce: str, max_line: int = MAX_LINE) -> None:
        self.nonce = nonce
        self.max_line = max_line
        self.buffer = bytearray()
        self.discarding = False
        self.garbage = 0

    def feed(self, chunk: bytes) -> list[dict]:
        records = []
        self.buffer += chunk
        while True:
            index = self.buffer.find(b"\n")
            if index < 0:
                if len(self.buffer) > self.max_line:
                    self.buffer.clear()
                    self.discarding = True
                    self.garbage += 1
                break
            line = bytes(self.buffer[:index])
            del self.buffer[: index + 1]
            if self.discarding:  # the tail of an over-long line
                self.discarding = False
                continue
            record = self._parse(line)
            if record is not None:
                records.append(record)
        return records

    def _parse(self, line: bytes) -> dict | None:
        if not line.strip():
            return None
        try:
            record = loads_bounded(line, max_bytes=self.max_line)
        except HostileValue:  # not JSON, or nested deep enough to exhaust a parser
            self.garbage += 1
            return None
        if not isinstance(record, dict) or record.get("n") != self.nonce or not isinstance(record.get("t"), str):
            self.garbage += 1
            return None
        return record


class Demux:
    """Docker's multiplexed attach stream (tty off): 8-byte headers, then payload frames."""

    STREAMS = {1: "out", 2: "err"}

    def __init__(self) -> None:
        self.buffer = bytearray()

    def feed(self, chunk: bytes) -> list[tuple[str, bytes]]:
        self.buffer += chunk
        frames = []
        while len(self.buffer) >= 8:
            kind, size = struct.unpack(">BxxxL", self.buffer[:8])
            if len(self.buffer) < 8 + size:
                break
            payload = bytes(self.buffer[8: 8 + size])
            del self.buffer[: 8 + size]
            frames.append((self.STREAMS.get(kind, "err"), payload))
        return frames
