# At most one interview in progress per candidate: a partial unique index (a double-clicked Start
# cannot create two).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0002_scored_at_finish_duplicate_active'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='interview',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'active')), fields=('owner',), name='one_active_interview_per_owner'),
        ),
    ]
