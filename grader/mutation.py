"""`manage.py bank mutate`: mutation testing of every canonical solution with cosmic-ray's
operators, the bank's hidden cases as the oracle through the same sandbox and judge as the site.

For each coding part, every operator of `OPERATORS` (cosmic-ray's own, by name) is applied at
every position where it applies in `solution.py` (cosmic-ray's `mutate_code(code, operator,
occurrence)`), one mutation per mutant; mutants whose code is identical to the canonical or to
an earlier mutant are dropped. Each mutant is then judged on the part's hidden cases (cheapest
first, stopping at the first failure): **killed** when a hidden case is not AC. A survivor is
either killed by a new case or listed, with the reason, in the part's `equivalent.yaml`:

    equivalent:
      - id: "ReplaceComparisonOperator_Lt_LtE#3 L42"
        reason: both branches return the same value when the two sides are equal

Mutant ids are `<operator>#<occurrence> L<line>` (the occurrence counts that operator's
positions in the file, so an id stays stable until the solution changes).

The operators are a fixed selection of cosmic-ray's: for each binary, comparison and unary
operator the one replacement a reviewer would call a plausible slip (`+`→`-`, `<`→`<=`, `==`→`!=`,
`is`→`is not`, dropping `not`…), plus its boolean, number, break/continue, exception,
decorator and zero-iteration-loop operators. cosmic-ray's full cross product (every operator
into every other, 213 operators) mostly adds mutants that die on import or on the first case.
"""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from grader.bankcheck import run_program
from references.loader import BANK_ROOT, BankError, CodingPart, read_bank

OPERATORS = (
    "core/ReplaceBinaryOperator_Add_Sub", "core/ReplaceBinaryOperator_Sub_Add",
    "core/ReplaceBinaryOperator_Mul_Div", "core/ReplaceBinaryOperator_Div_Mul",
    "core/ReplaceBinaryOperator_FloorDiv_Div", "core/ReplaceBinaryOperator_Mod_FloorDiv",
    "core/ReplaceBinaryOperator_Pow_Mul", "core/ReplaceBinaryOperator_LShift_RShift",
    "core/ReplaceBinaryOperator_RShift_LShift", "core/ReplaceBinaryOperator_BitOr_BitAnd",
    "core/ReplaceBinaryOperator_BitAnd_BitOr", "core/ReplaceBinaryOperator_BitXor_BitOr",
    "core/ReplaceComparisonOperator_Eq_NotEq", "core/ReplaceComparisonOperator_NotEq_Eq",
    "core/ReplaceComparisonOperator_Lt_LtE", "core/ReplaceComparisonOperator_LtE_Lt",
    "core/ReplaceComparisonOperator_Gt_GtE", "core/ReplaceComparisonOperator_GtE_Gt",
    "core/ReplaceComparisonOperator_Is_IsNot", "core/ReplaceComparisonOperator_IsNot_Is",
    "core/ReplaceUnaryOperator_Delete_Not", "core/ReplaceUnaryOperator_Delete_USub",
    "core/AddNot", "core/ReplaceTrueWithFalse", "core/ReplaceFalseWithTrue",
    "core/ReplaceAndWithOr", "core/ReplaceOrWithAnd",
    "core/ReplaceBreakWithContinue", "core/ReplaceContinueWithBreak",
    "core/ExceptionReplacer", "core/NumberReplacer", "core/RemoveDecorator", "core/ZeroIterationForLoop",
)


@dataclass
class Mutant:
    id: str
    source: str


def generate_mutants(source: str) -> list[Mutant]:
    """Every single-mutation variant of `source` that cosmic-ray's selected operators produce."""
    from cosmic_ray.ast import ast_nodes, get_ast
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.plugins import get_operator

    seen = {source}
    mutants = []
    for name in OPERATORS:
        operator = get_operator(name)()
        positions = [start for node in ast_nodes(get_ast(source)) for start, _ in operator.mutation_positions(node)]
        for occurrence, (line, _column) in enumerate(positions):
            code = mutate_code(source, operator, occurrence)
            if code is None or code in seen:
                continue
            seen.add(code)
            mutants.append(Mutant(f"{name.split('/', 1)[1]}#{occurrence} L{line}", code))
    return mutants


@dataclass
class MutateResult:
    question: str
    generated: int = 0
    killed: int = 0
    equivalent: int = 0
    survivors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stale_equivalents: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        considered = self.generated - self.equivalent
        return self.killed / considered if considered > 0 else 1.0

    def to_dict(self) -> dict:
        return {"question": self.question, "generated": self.generated, "killed": self.killed,
                "equivalent": self.equivalent, "survivors": self.survivors,
                "score": round(self.score, 4), "errors": self.errors,
                "stale_equivalents": self.stale_equivalents}


LINE = re.compile(r" L\d+$")


def mutate_part(key: str, part: CodingPart, *, jobs: int = 2, backend=None, progress=None) -> MutateResult:
    result = MutateResult(question=key)
    hidden = [case for case in part.cases if not case["sample"]]
    canonical = run_program(part, part.solution, hidden, stop_at_failure=False, backend=backend)
    if canonical.error or canonical.failures(hidden):
        result.errors.append(f"the canonical solution is not AC: {canonical.error or canonical.failures(hidden)}")
        return result
    order = sorted(hidden, key=lambda case: canonical.cpu_ms.get(case["id"], 10 ** 9))
    mutants = generate_mutants(part.solution)
    result.generated = len(mutants)
    lock = threading.Lock()
    survivors: list[str] = []

    def judge(mutant: Mutant) -> None:
        run = run_program(part, mutant.source, order, stop_at_failure=True, backend=backend)
        killed = bool(run.failures(order, hidden_only=True))
        with lock:
            if killed:
                result.killed += 1
            elif run.error:
                result.errors.append(f"{mutant.id}: {run.error}")
                survivors.append(mutant.id)
            else:
                survivors.append(mutant.id)
        if progress:
            progress(f"{key} {mutant.id}: {'killed' if killed else 'SURVIVED'}")

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for future in [pool.submit(judge, mutant) for mutant in mutants]:
            future.result()
    generated_ids = {mutant.id for mutant in mutants}
    for survivor in sorted(survivors, key=_natural):
        if survivor in part.equivalent:
            result.equivalent += 1
        else:
            result.survivors.append(survivor)
    result.stale_equivalents = sorted(set(part.equivalent) - generated_ids)
    return result


def _natural(mutant_id: str):
    return [int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", mutant_id)]


def mutate_bank(keys: list[str] | None = None, *, jobs: int = 2, backend=None, root: Path = BANK_ROOT,
                progress=None) -> list[MutateResult]:
    questions = read_bank(root, only=keys or None)
    unknown = sorted(set(keys or ()) - {question.key for question in questions})
    if unknown:
        raise BankError(f"no such question(s) in {root}: {', '.join(unknown)}")
    return [mutate_part(question.key, question.coding, jobs=jobs, backend=backend, progress=progress)
            for question in questions if question.coding is not None]
