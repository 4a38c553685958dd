"""Framing of the results channel: chunks are not lines, and nothing is trusted."""

from __future__ import annotations

import json
import struct

from sandbox.protocol import Demux, LineReader, encode_job


def test_records_split_across_chunks_and_partial_last_line():
    reader = LineReader("N")
    line = json.dumps({"n": "N", "t": "obs", "case_id": "a"}).encode() + b"\n"
    records = []
    for i in range(len(line)):
        records += reader.feed(line[i:i + 1])
    assert records == [{"n": "N", "t": "obs", "case_id": "a"}]
    assert reader.feed(b'{"n": "N", "t": "end"') == []      # unfinished: missing, not guessed


def test_garbage_wrong_nonce_and_overlong_lines_are_dropped():
    reader = LineReader("N", max_line=100)
    assert reader.feed(b"not json\n" + b'{"n": "X", "t": "end"}\n' + b"[1]\n") == []
    assert reader.feed(b"x" * 500) == []                      # over the cap: dropped
    assert reader.feed(b'tail", "n": "N", "t": "end"}\n') == []   # its tail is not a record
    assert reader.feed(b'{"n": "N", "t": "end"}\n') == [{"n": "N", "t": "end"}]
    assert reader.garbage >= 3


def test_demux_and_job_encoding():
    demux = Demux()
    stream = struct.pack(">BxxxL", 1, 3) + b"abc" + struct.pack(">BxxxL", 2, 2) + b"er"
    assert demux.feed(stream[:5]) == []
    assert demux.feed(stream[5:]) == [("out", b"abc"), ("err", b"er")]
    data = encode_job("N", {"solution.py": "x"}, "solution", [], {}, 10)
    header, payload = data.split(b"\n", 1)
    assert int(header) == len(payload) and json.loads(payload)["nonce"] == "N"
