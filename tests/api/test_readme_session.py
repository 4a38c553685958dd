"""The README's curl session, executed for real: curl against daphne, a Celery worker, the sandbox.

The commands are taken from README.md between `<!-- api:start -->` and `<!-- api:end -->` (the
```sh block); only the lines that set BASE and TOKEN are replaced by this test's values.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_session() -> str:
    text = README.read_text()
    section = text[text.index("<!-- api:start -->"):text.index("<!-- api:end -->")]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert len(blocks) == 1, "the API section of README.md has one ```sh block: the session"
    lines = [line for line in blocks[0].splitlines() if not re.match(r"(BASE|TOKEN)=", line)]
    assert any("curl" in line for line in lines)
    return "\n".join(lines) + "\n"


@pytest.mark.django_db(transaction=True)
def test_the_readme_curl_session_starts_submits_polls_and_reads_the_report(
    bank, asgi_server, celery_worker_proc, tmp_path
):
    for tool in ("curl", "jq", "bash"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is needed to run the README's API session (apt-get install {tool})")
    user = UserFactory(username="alice")
    token = Token.objects.create(user=user).key

    finished = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", readme_session()],
        cwd=tmp_path, env={**os.environ, "BASE": asgi_server, "TOKEN": token},
        capture_output=True, text=True, timeout=240,
    )
    assert finished.returncode == 0, f"stdout:\n{finished.stdout}\nstderr:\n{finished.stderr}"

    report = json.loads((tmp_path / "report.json").read_text())
    assert report["interview"]["status"] == "finished"
    first = next(item for item in report["items"] if item["position"] == 1)
    submission = first["submission"]
    assert submission["finished"] is True and submission["status"] == "done"
    assert submission["verdict"] in {"AC", "WA", "RE", "TLE", "MLE", "OLE", "CE"}
    assert len(submission["cases"]) == submission["cases_total"] > 0
    assert all(case["verdict"] for case in submission["cases"])
    assert first["canonical_solution"]
    assert "finished" in finished.stdout and "cases" in finished.stdout
