"""Create (or repair) the demo account and print its credentials. Safe to run repeatedly."""

from django.core.management.base import BaseCommand

from interviews.services import DEMO_PASSWORD, DEMO_USERNAME, account_ensure_demo


class Command(BaseCommand):
    help = "Create the demo account if needed and print how to log in with it."

    def handle(self, *args: object, **options: object) -> None:
        _, changed = account_ensure_demo()
        state = "created" if changed else "ready"
        self.stdout.write(f'Demo account {state}: username "{DEMO_USERNAME}", password "{DEMO_PASSWORD}"')
