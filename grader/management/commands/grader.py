"""`manage.py grader evaluate [--json]`: the written-answer graders against the blind labelled set.

`grader calibrate` refits the monotone score mapping on the dev half only and writes it to
grader/freetext/calibration.json (the held-out half is never used to fit anything).
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from grader.checking import CheckError, load_question
from grader.freetext import evaluation
from grader.freetext.calibration import CALIBRATION_PATH, raw_and_score, write_calibration

DEFAULT_LABELLED = Path(settings.BASE_DIR) / "tests" / "grader" / "labelled"


class Command(BaseCommand):
    help = "Measure the written-answer graders on the labelled set (evaluate), or refit the dev calibration."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="Spearman and mean score per kind, dev and held-out halves")
        evaluate.add_argument("--json", action="store_true", help="print one JSON object")
        evaluate.add_argument("--labelled", type=Path, default=DEFAULT_LABELLED, help="the labelled set's folder")
        evaluate.add_argument("--half", choices=("dev", "heldout", "both"), default="both")
        evaluate.add_argument("--raw", action="store_true", help="score before the calibrated mapping")
        calibrate = sub.add_parser("calibrate",
                                   help=f"refit the monotone mapping on the dev half ({CALIBRATION_PATH.name})")
        calibrate.add_argument("--labelled", type=Path, default=DEFAULT_LABELLED)

    def handle(self, *args, **options):
        try:
            answers = evaluation.read_labelled(options["labelled"])
        except evaluation.LabelledSetError as error:
            raise CommandError(str(error)) from None
        if not answers:
            raise CommandError(f"no labelled answers under {options['labelled']}")
        questions = {}

        def raw_score(answer) -> tuple[float, float]:
            if answer.question not in questions:
                try:
                    questions[answer.question] = load_question(answer.question)
                except CheckError as error:
                    raise CommandError(str(error)) from None
            question = questions[answer.question]
            return raw_and_score(question.kind, answer.text(), question.rubric, question.answer_md,
                                 prompt=question.prompt_md)

        def questions_kind(answer) -> str:
            raw_score(answer)
            return questions[answer.question].kind

        if options["action"] == "calibrate":
            dev = [answer for answer in answers if answer.half == "dev"]
            points = [(questions_kind(answer), raw_score(answer)[0], answer.label) for answer in dev]
            knots = write_calibration(points)
            sizes = ", ".join(f"{family}: {len(family_knots)} knots" for family, family_knots in knots.items())
            self.stdout.write(f"fitted on {len(dev)} dev answers ({sizes}) -> {CALIBRATION_PATH}")
            return
        if options["half"] != "both":
            answers = [answer for answer in answers if answer.half == options["half"]]
        index = 0 if options["raw"] else 1
        figures = evaluation.evaluate(answers, lambda answer: raw_score(answer)[index])
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        for half, result in figures.items():
            checks = evaluation.target_checks(result)
            self.stdout.write(f"{half}: n={result['n']}  spearman={result['spearman']:.3f}"
                              + ("  (target 0.85 met)" if checks.get("spearman") else "  (target 0.85 not met)"))
            for kind, mean in result["mean_by_kind"].items():
                mark = "" if kind not in checks else ("  ok" if checks[kind] else "  MISSES TARGET")
                self.stdout.write(f"  {kind:11} {mean:.3f}{mark}")
            for question, failure in result["ordering_failures"].items():
                self.stdout.write(f"  {question}: {failure['wrong']}/{failure['pairs']} pairs out of order")
                for example in failure["examples"][:3]:
                    self.stdout.write(f"      {example}")
