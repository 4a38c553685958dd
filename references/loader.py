"""Reading and validating the question bank on disk (`references/bank/<section>/<slug>/`).

Plain Python (PyYAML only): `read_bank()` returns one `QuestionContent` per folder, or raises
`BankError` whose message is `path:line: what is wrong`. Nothing here touches the database;
`references.services.bank_sync` stores what this returns.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from references.cases import CasesError, load_cases

BANK_ROOT = Path(__file__).resolve().parent / "bank"
SECTIONS = ("concepts", "dsa", "design", "coding", "behavioral")
KINDS = ("concept", "design", "coding", "behavioral")
SECTION_KINDS = {
    "concepts": ("concept",),
    "design": ("design",),
    "dsa": ("coding",),
    "coding": ("coding",),
    "behavioral": ("behavioral",),
}
DIFFICULTIES = ("easy", "medium", "hard")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)
CODE_FILES = ("starter.py", "solution.py", "cases.yaml")
STAR_PARTS = ("situation", "task", "action", "result")


class BankError(ValueError):
    """A malformed bank file: the message is `path:line: what is wrong`."""


@dataclass
class CodingPart:
    """What a coding question, or a concept/design question's follow-up, needs to be judged."""

    title: str
    prompt_md: str
    minutes: int
    starter: str
    solution: str
    cases: list[dict]
    scenarios: str = ""
    mutants: dict[str, str] = field(default_factory=dict)
    #: correct solutions with another algorithm: `bank check` requires every one to be AC
    alternatives: dict[str, str] = field(default_factory=dict)
    #: mutation-tool mutants judged equivalent to the canonical solution: {mutant id: reason}
    equivalent: dict[str, str] = field(default_factory=dict)


@dataclass
class QuestionContent:
    section: str
    slug: str
    order: int
    title: str
    kind: str
    difficulty: str
    minutes: int
    tags: list[str]
    prompt_md: str
    answer_md: str
    rubric: dict
    coding: CodingPart | None
    content_hash: str
    folder: Path

    @property
    def key(self) -> str:
        return f"{self.section}/{self.slug}"


def _front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        raise BankError(f"{path}:1: expected front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BankError(f"{path}:{(mark.line + 2) if mark else 1}: invalid front matter: "
                        f"{getattr(error, 'problem', error)}") from None
    if not isinstance(meta, dict):
        raise BankError(f"{path}:2: front matter must be a mapping")
    return meta, match.group(2).strip() + "\n"


def _line_of_key(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1


def _require(meta: dict, path: Path, key: str, check, what: str):
    value = meta.get(key)
    if value is None or not check(value):
        raise BankError(f"{path}:{_line_of_key(path, key)}: `{key}` must be {what}, got {value!r}")
    return value


def _yaml_file(path: Path) -> dict:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BankError(f"{path}:{(mark.line + 1) if mark else 1}: invalid YAML: "
                        f"{getattr(error, 'problem', error)}") from None
    if not isinstance(document, dict):
        raise BankError(f"{path}:1: expected a mapping")
    return document


def _check_phrases(path: Path, where: str, phrases, *, required: bool = True) -> None:
    if phrases is None and not required:
        return
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise BankError(f"{path}:{_line_of_key(path, where.split('.')[-1])}: `{where}` must be a non-empty "
                        "list of phrases")


def validate_rubric(path: Path, kind: str) -> dict:
    rubric = _yaml_file(path)
    if kind == "behavioral":
        star = rubric.get("star")
        if not isinstance(star, dict) or set(STAR_PARTS) - set(star):
            raise BankError(f"{path}:{_line_of_key(path, 'star')}: `star` must have "
                            f"{', '.join(STAR_PARTS)}")
        for part in STAR_PARTS:
            entry = star[part]
            if not isinstance(entry, dict) or not isinstance(entry.get("expect"), str):
                raise BankError(f"{path}:{_line_of_key(path, part)}: star.{part} needs an `expect` sentence")
            _check_phrases(path, f"star.{part}.evidence", entry.get("evidence"))
        for entry in rubric.get("signals") or []:
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("statement"):
                raise BankError(f"{path}:{_line_of_key(path, 'signals')}: every signal needs an id and a statement")
        return rubric
    points = rubric.get("points")
    if not isinstance(points, list) or not 5 <= len(points) <= 10:
        raise BankError(f"{path}:{_line_of_key(path, 'points')}: `points` must list 5 to 10 key points")
    seen = set()
    for point in points:
        point_id = point.get("id") if isinstance(point, dict) else None
        if not isinstance(point_id, str) or not SLUG.match(point_id) or point_id in seen:
            raise BankError(f"{path}:{_line_of_key(path, 'points')}: point id {point_id!r} missing, "
                            "malformed or repeated")
        seen.add(point_id)
        line = _line_of_key(path, "id") if point_id is None else next(
            (n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(rf"id:\s*{re.escape(point_id)}\s*$", text)), 1)
        weight = point.get("weight")
        if not isinstance(weight, (int, float)) or isinstance(weight, bool) or weight <= 0:
            raise BankError(f"{path}:{line}: point {point_id}: `weight` must be a positive number")
        if not isinstance(point.get("statement"), str) or not point["statement"].strip():
            raise BankError(f"{path}:{line}: point {point_id}: needs a `statement`")
        _check_phrases(path, f"points.{point_id}.evidence", point.get("evidence"))
    return rubric


def _read_coding(folder: Path, prompt_file: str, fallback_title: str, fallback_minutes: int) -> CodingPart:
    for name in CODE_FILES:
        if not (folder / name).is_file():
            raise BankError(f"{folder / name}:1: missing (a coding question needs {', '.join(CODE_FILES)})")
    prompt_path = folder / prompt_file
    if prompt_file == "question.md":
        meta, prompt = _front_matter(prompt_path)
    elif prompt_path.is_file():
        meta, prompt = _front_matter(prompt_path)
    else:
        raise BankError(f"{prompt_path}:1: missing (the coding follow-up's prompt)")
    try:
        cases = load_cases(folder / "cases.yaml")
    except CasesError as error:
        raise BankError(str(error)) from None
    for name in ("starter.py", "solution.py"):
        source = (folder / name).read_text(encoding="utf-8")
        try:
            compile(source, str(folder / name), "exec")
        except SyntaxError as error:
            raise BankError(f"{folder / name}:{error.lineno or 1}: syntax error: {error.msg}") from None
    if any(case["driver"] == "scenario" for case in cases) and not (folder / "scenarios.py").is_file():
        raise BankError(f"{folder / 'cases.yaml'}:1: scenario cases need scenarios.py beside it")
    mutants = {path.name: path.read_text(encoding="utf-8") for path in sorted((folder / "mutants").glob("*.py"))}
    for name, source in mutants.items():
        if not source.startswith("# mutant:"):
            raise BankError(f"{folder / 'mutants' / name}:1: a mutant's first line must be "
                            "`# mutant: <what is wrong>`")
    alternatives = {path.name: path.read_text(encoding="utf-8")
                    for path in sorted((folder / "alternatives").glob("*.py"))}
    equivalent = _equivalent(folder / "equivalent.yaml")
    return CodingPart(
        title=str(meta.get("title") or fallback_title),
        prompt_md=prompt,
        minutes=int(meta.get("minutes") or fallback_minutes),
        starter=(folder / "starter.py").read_text(encoding="utf-8"),
        solution=(folder / "solution.py").read_text(encoding="utf-8"),
        cases=cases,
        scenarios=(folder / "scenarios.py").read_text(encoding="utf-8") if (folder / "scenarios.py").is_file() else "",
        mutants=mutants,
        alternatives=alternatives,
        equivalent=equivalent,
    )


def _equivalent(path: Path) -> dict[str, str]:
    """`equivalent.yaml`: `equivalent: [{id: <mutant id>, reason: <why it cannot be told apart>}]`."""
    if not path.is_file():
        return {}
    document = _yaml_file(path)
    entries = document.get("equivalent") or []
    if not isinstance(entries, list):
        raise BankError(f"{path}:1: `equivalent` must be a list of {{id, reason}}")
    found = {}
    for entry in entries:
        if (not isinstance(entry, dict) or not isinstance(entry.get("id"), str)
                or not isinstance(entry.get("reason"), str) or not entry["reason"].strip()):
            raise BankError(f"{path}:{_line_of_key(path, 'equivalent')}: every entry needs an `id` and a `reason`, "
                            f"got {entry!r}")
        found[entry["id"]] = entry["reason"].strip()
    return found


def folder_hash(folder: Path) -> str:
    """The content hash that versions a question: every file's relative path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_question(folder: Path) -> QuestionContent:
    section, slug = folder.parent.name, folder.name
    question_path = folder / "question.md"
    if not question_path.is_file():
        raise BankError(f"{question_path}:1: missing")
    meta, prompt = _front_matter(question_path)
    title = _require(meta, question_path, "title", lambda v: isinstance(v, str) and v.strip(), "a title")
    kind = _require(meta, question_path, "kind", lambda v: v in SECTION_KINDS[section],
                    f"one of {', '.join(SECTION_KINDS[section])} in section {section}")
    difficulty = _require(meta, question_path, "difficulty", lambda v: v in DIFFICULTIES,
                          f"one of {', '.join(DIFFICULTIES)}")
    minutes = _require(meta, question_path, "minutes", lambda v: isinstance(v, int) and 1 <= v <= 120,
                       "a whole number of minutes (1-120)")
    order = _require(meta, question_path, "order", lambda v: isinstance(v, int) and v >= 1, "a positive integer")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise BankError(f"{question_path}:{_line_of_key(question_path, 'tags')}: `tags` must be a list of words")
    answer_path = folder / "answer.md"
    answer_md = answer_path.read_text(encoding="utf-8") if answer_path.is_file() else ""
    rubric: dict = {}
    coding = None
    if kind == "coding":
        coding = _read_coding(folder, "question.md", title, minutes)
    else:
        if not answer_md.strip():
            raise BankError(f"{answer_path}:1: missing (a {kind} question needs a model answer)")
        rubric_path = folder / "rubric.yaml"
        if not rubric_path.is_file():
            raise BankError(f"{rubric_path}:1: missing")
        rubric = validate_rubric(rubric_path, kind)
        if kind != "behavioral" and (folder / "followup.md").is_file():
            coding = _read_coding(folder, "followup.md", f"{title}: follow-up", minutes)
    return QuestionContent(
        section=section, slug=slug, order=order, title=title.strip(), kind=kind, difficulty=difficulty,
        minutes=minutes, tags=tags, prompt_md=prompt, answer_md=answer_md, rubric=rubric, coding=coding,
        content_hash=folder_hash(folder), folder=folder,
    )


def question_folders(root: Path = BANK_ROOT) -> list[Path]:
    folders = []
    for section in SECTIONS:
        section_path = root / section
        if section_path.is_dir():
            folders.extend(sorted(p for p in section_path.iterdir() if p.is_dir() and not p.name.startswith(".")))
    return folders


def read_bank(root: Path = BANK_ROOT, only: list[str] | None = None) -> list[QuestionContent]:
    """Every question of the bank, validated; raises BankError at the first problem."""
    questions = []
    for folder in question_folders(root):
        if not SLUG.match(folder.name):
            raise BankError(f"{folder}:1: folder name must be a slug ([a-z0-9-]+)")
        if only and f"{folder.parent.name}/{folder.name}" not in only:
            continue
        questions.append(read_question(folder))
    return questions
