# The Try console (issue #15): a submission mode that runs the candidate's snippet, never scored.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('grader', '0002_submission_enqueued_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='submission',
            name='snippet',
            field=models.TextField(blank=True, default='', help_text='Try mode only: the lines the candidate ran.'),
        ),
        migrations.AlterField(
            model_name='submission',
            name='mode',
            field=models.CharField(choices=[('run', 'Run (sample cases)'), ('submit', 'Submit (all cases)'),
                                            ('try', 'Try (your own input)')], max_length=10),
        ),
    ]
