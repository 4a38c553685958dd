"""``manage.py readyz [--worker]``: the readiness checks of /readyz from a shell (exit 0 = ready)."""

import json

from django.core.management.base import BaseCommand, CommandError

from interviews.health import readiness


class Command(BaseCommand):
    help = "Check the database and Redis (and with --worker the Docker Engine); exit 1 if any fails."

    def add_arguments(self, parser):
        parser.add_argument("--worker", action="store_true", help="also check the Docker Engine")

    def handle(self, *args, worker: bool = False, **options):
        report = readiness(worker=worker)
        self.stdout.write(json.dumps(report))
        if not report["ready"]:
            failed = ", ".join(name for name, check in report["checks"].items() if not check["ok"])
            raise CommandError(f"not ready: {failed}")
