"""`manage.py grade <section>/<slug> <file> [--sample] [--json]`: grade a file like the site does."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grader.checking import CheckError, grade_file


class Command(BaseCommand):
    help = "Grade a solution (.py) or a written answer (.md) against a question of the bank."

    def add_arguments(self, parser):
        parser.add_argument("question", help="<section>/<slug>, e.g. dsa/lru-cache")
        parser.add_argument("path", type=Path, help="the solution or written answer to grade")
        parser.add_argument("--sample", action="store_true", help="only the sample cases (like Run)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--as-candidate", action="store_true",
                            help="show hidden cases as a candidate sees them (verdict, description, "
                                 "built-in exception type; no expected values or messages)")

    def handle(self, *args, **options):
        try:
            result = grade_file(options["question"], options["path"], sample_only=options["sample"],
                                reveal_hidden=not options["as_candidate"])
        except CheckError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(f"{result['question']}  score {result['score']:.2f}"
                          + (f"  verdict {result['verdict']}" if "verdict" in result else "")
                          + (f"  backend {result['backend']}" if "backend" in result else ""))
        if "cases" in result:
            header = f"{'case':32} {'sample':6} {'verdict':7} {'cpu ms':>7} {'wall ms':>7} {'mem KiB':>8}  message"
            self.stdout.write(header)
            for case in result["cases"]:
                sample = "yes" if case["sample"] else ""
                self.stdout.write(f"{case['id']:32} {sample:6} {case['verdict']:7} {case['cpu_ms']:>7} "
                                  f"{case['wall_ms']:>7} {case['memory_kb']:>8}  {case['message'][:80]}")
            return
        for point in result.get("points", []):
            mark = "✓" if point["covered"] else "✗"
            self.stdout.write(f" {mark} {point['id']}: {point.get('evidence') or point.get('hint') or ''}"[:160])
        for suggestion in result.get("suggestions", []):
            self.stdout.write(f" → {suggestion}")
