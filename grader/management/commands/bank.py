"""`manage.py bank sync | check | mutate`.

- `sync` loads the bank into the database (idempotent, versioned by content).
- `check [<section>/<slug>…] [--repeat N] [-j N] [--json]` runs every coding part's canonical
  solution, mutants (hand-written and blind) and alternatives through the real sandbox and
  judge; exits non-zero if a canonical or an alternative fails a case, or a mutant passes every
  hidden case in any of the N runs (see grader/bankcheck.py).
- `mutate [<section>/<slug>…] [--json]` generates mutants of each canonical solution with
  cosmic-ray's mutation operators and judges each through the same sandbox and judge; prints
  generated / killed / equivalent / survivors per part (see grader/mutation.py).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from references.loader import BankError
from references.services import bank_sync


def make_backend(name: str | None, jobs: int):
    import sandbox

    options = {"image": settings.SANDBOX_IMAGE} if settings.SANDBOX_IMAGE else {}
    return sandbox.get_backend(
        name or settings.SANDBOX_BACKEND,
        pool_size=max(jobs, settings.SANDBOX_POOL_SIZE, 1),
        debug=settings.DEBUG or (name == "process"),
        allow_process_in_production=settings.SANDBOX_ALLOW_PROCESS_IN_PRODUCTION,
        **options,
    )


class Command(BaseCommand):
    help = "Load (sync), verify (check) or mutation-test (mutate) the question bank in references/bank/."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # `bank check --json a b` as well as `bank check a b --json`.
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "check", "mutate"])
        parser.add_argument("questions", nargs="*", help="only these <section>/<slug> (default: every coding part)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--repeat", type=int, default=1, metavar="N",
                            help="check: run every program N times; a mutant must be rejected in all N")
        parser.add_argument("-j", "--jobs", type=int, default=2, metavar="N",
                            help="programs judged in parallel (default 2)")
        parser.add_argument("--backend", choices=["auto", "docker", "process"], default=None,
                            help="sandbox backend (default: SANDBOX_BACKEND)")
        parser.add_argument("--full", action="store_true",
                            help="check: run every case of every mutant (slower; lists every killer)")
        parser.add_argument("--only", choices=["canonical", "mutant", "alternative"], action="append",
                            help="check: only these kinds of program (repeatable)")
        parser.add_argument("--program", action="append", metavar="GLOB",
                            help="check: only mutants/alternatives whose file name matches (repeatable)")
        parser.add_argument("--verbose-progress", action="store_true", help="print each program as it ends")

    def handle(self, *args, **options):
        if options["repeat"] < 1 or options["jobs"] < 1:
            raise CommandError("--repeat and --jobs must be at least 1")
        try:
            if options["action"] == "sync":
                report = bank_sync()
                self.stdout.write(f"bank sync: {report.summary()}")
                return
            backend = make_backend(options["backend"], options["jobs"])
            progress = (lambda message: self.stderr.write(message)) if options["verbose_progress"] else None
            if options["action"] == "mutate":
                return self.run_mutate(options, backend, progress)
            return self.run_check(options, backend, progress)
        except BankError as error:
            raise CommandError(str(error)) from None

    def run_check(self, options, backend, progress):
        from grader.bankcheck import ALTERNATIVE, CANONICAL, MUTANT, check_bank, totals

        kinds = tuple(options["only"] or (CANONICAL, MUTANT, ALTERNATIVE))
        rows = check_bank(options["questions"], repeat=options["repeat"], jobs=options["jobs"], backend=backend,
                          full=options["full"], kinds=kinds, progress=progress, programs=options["program"])
        failed = [row for row in rows if not row.ok]
        summary = totals(rows)
        if options["json"]:
            self.stdout.write(json.dumps({"questions": [row.to_dict(programs=options["full"]) for row in rows],
                                          "passed": len(rows) - len(failed), "failed": len(failed),
                                          "repeat": options["repeat"], "totals": summary}, indent=2))
        else:
            self.stdout.write(f"{'question':42} {'canonical':9} {'mutants':>8} {'blind':>7} {'alts':>5}  slowest case")
            for row in rows:
                self.stdout.write(
                    f"{row.question:42} {row.canonical or 'ERROR':9} {row.mutants_killed:>3}/{row.mutants_total:<4} "
                    f"{row.blind_killed:>3}/{row.blind_total:<3} {row.alternatives_ac:>2}/{row.alternatives_total:<2}  "
                    f"{row.slowest_case} {row.slowest_ms} ms"
                    + (f"  !! {row.error}" if row.error else "")
                    + (f"  !! fails {', '.join(row.canonical_failures)}" if row.canonical_failures else "")
                    + (f"  !! survivors {', '.join(row.survivors)}" if row.survivors else "")
                    + (f"  !! alternatives not AC: {'; '.join(row.alternatives_failed)}"
                       if row.alternatives_failed else ""))
            self.stdout.write(
                f"{len(rows) - len(failed)}/{len(rows)} coding parts pass (repeat {options['repeat']}); "
                f"mutants rejected {summary['mutants_killed']}/{summary['mutants_total']}, "
                f"blind wrong rejected {summary['blind_killed']}/{summary['blind_total']}, "
                f"alternatives AC {summary['alternatives_ac']}/{summary['alternatives_total']}")
        if failed:
            raise CommandError(f"{len(failed)} coding part(s) failed the check")

    def run_mutate(self, options, backend, progress):
        from grader.mutation import mutate_bank

        results = mutate_bank(options["questions"], jobs=options["jobs"], backend=backend, progress=progress)
        if options["json"]:
            self.stdout.write(json.dumps({"questions": [result.to_dict() for result in results]}, indent=2))
        else:
            self.stdout.write(f"{'question':42} {'generated':>9} {'killed':>6} {'equiv':>5} {'score':>6}  survivors")
            for result in results:
                self.stdout.write(f"{result.question:42} {result.generated:>9} {result.killed:>6} "
                                  f"{result.equivalent:>5} {result.score:>6.1%}  {', '.join(result.survivors)}")
        below = [result.question for result in results if result.score < 0.9]
        if below:
            raise CommandError(f"killed < 90% of (generated - equivalent) in: {', '.join(below)}")
