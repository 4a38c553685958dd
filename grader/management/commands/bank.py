"""`manage.py bank sync` loads the bank; `manage.py bank check [--json] [slug…]` proves it.

`check` runs every canonical solution and every mutant through the real sandbox and exits
non-zero if a canonical solution fails a case or a mutant survives every hidden case.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from grader.checking import check_bank
from references.loader import BankError
from references.services import bank_sync


class Command(BaseCommand):
    help = "Load (sync) or verify (check) the question bank in references/bank/."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # `bank check --json a b` as well as `bank check a b --json` (plain parse_args leaves
        # `a b` unrecognized after an option has ended the `questions` list).
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "check"])
        parser.add_argument("questions", nargs="*", help="check only these <section>/<slug>")
        parser.add_argument("--json", action="store_true", help="check: print one JSON object")

    def handle(self, *args, **options):
        try:
            if options["action"] == "sync":
                report = bank_sync()
                self.stdout.write(f"bank sync: {report.summary()}")
                return
            rows = check_bank(options["questions"])
        except BankError as error:
            raise CommandError(str(error)) from None
        failed = [row for row in rows if not row.ok]
        if options["json"]:
            self.stdout.write(json.dumps({"questions": [row.to_dict() for row in rows],
                                          "passed": len(rows) - len(failed), "failed": len(failed)}, indent=2))
        else:
            self.stdout.write(f"{'question':42} {'canonical':9} {'mutants':>8}  slowest case")
            for row in rows:
                canonical = row.canonical or "ERROR"
                self.stdout.write(f"{row.question:42} {canonical:9} {row.mutants_killed:>3}/{row.mutants_total:<4}  "
                                  f"{row.slowest_case} {row.slowest_ms} ms"
                                  + (f"  !! {row.error}" if row.error else "")
                                  + (f"  !! fails {', '.join(row.canonical_failures)}"
                                     if row.canonical_failures else "")
                                  + (f"  !! survivors {', '.join(row.survivors)}" if row.survivors else ""))
            self.stdout.write(f"{len(rows) - len(failed)}/{len(rows)} coding parts pass")
        if failed:
            raise CommandError(f"{len(failed)} coding part(s) failed the check")
