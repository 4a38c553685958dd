# When scores became final; duplicates of an interview in progress finished before 0003 adds its index.
# (Data changes and the index are in separate migrations: PostgreSQL refuses ALTER TABLE in a
# transaction with pending trigger events.)

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def finish_duplicate_active_interviews(apps, schema_editor):
    """Before the index: of a candidate's several interviews in progress (double-clicked Start),
    keep the newest; the older ones are finished as duplicates, unscored."""
    Interview = apps.get_model("interviews", "Interview")
    kept: set[int] = set()
    for interview in Interview.objects.filter(status="active").order_by("owner_id", "-started_at", "-pk"):
        if interview.owner_id not in kept:
            kept.add(interview.owner_id)
            continue
        now = timezone.now()
        Interview.objects.filter(pk=interview.pk).update(status="finished", finished_at=now,
                                                         finished_reason="duplicate", scored_at=now)


def mark_stored_scores_final(apps, schema_editor):
    """Scores stored before this migration were written at finish: treat those as final."""
    Interview = apps.get_model("interviews", "Interview")
    Interview.objects.filter(status="finished", score__isnull=False).update(scored_at=models.F("finished_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='interview',
            name='scored_at',
            field=models.DateTimeField(blank=True, help_text='When the scores became final.', null=True),
        ),
        migrations.RunPython(finish_duplicate_active_interviews, migrations.RunPython.noop),
        migrations.RunPython(mark_stored_scores_final, migrations.RunPython.noop),
    ]
