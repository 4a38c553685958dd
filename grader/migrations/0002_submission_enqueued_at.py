# When the last grading message was sent, and how many: the sweep backs off instead of re-sending a
# backlog every minute.

from django.db import migrations, models


def queued_rows_were_sent_when_queued(apps, schema_editor):
    Submission = apps.get_model("grader", "Submission")
    Submission.objects.filter(status="queued").update(enqueued_at=models.F("queued_at"), enqueues=1)


class Migration(migrations.Migration):

    dependencies = [
        ('grader', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='enqueued_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='submission',
            name='enqueues',
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(queued_rows_were_sent_when_queued, migrations.RunPython.noop),
    ]
