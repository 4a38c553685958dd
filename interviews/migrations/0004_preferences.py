# Per-user display preferences (issue #15): theme, editor key bindings, font size.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0003_one_active_interview_per_owner'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Preferences',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('theme', models.CharField(choices=[('system', 'Follow the system (light or dark)'), ('light', 'Light'),
                                                    ('dark', 'Dark')], default='system', max_length=10)),
                ('keybinding', models.CharField(choices=[('default', 'Standard'), ('vim', 'Vim'), ('emacs', 'Emacs')],
                                                default='default', max_length=10)),
                ('font_size', models.PositiveSmallIntegerField(
                    choices=[(12, '12 px'), (13, '13 px'), (14, '14 px'), (15, '15 px'), (16, '16 px'), (18, '18 px'),
                             (20, '20 px'), (22, '22 px'), (24, '24 px')], default=15)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='preferences',
                                              to=settings.AUTH_USER_MODEL)),
            ],
        ),
    ]
