# The news sitemap (its count and its pages in id order) read from a small partial index.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0011_community_location_precision'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(condition=models.Q(('is_illustrative', False), ('status', 'published')), fields=['id', 'project'], include=['updated_at'], name='activity_public_news'),
        ),
    ]
