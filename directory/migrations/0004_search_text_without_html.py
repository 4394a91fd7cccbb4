# The finder's search text keeps only the words of the rich-text description (a link's address no
# longer matches). Django cannot alter a generated column's expression: it is dropped and re-added,
# and the database computes it again for every row.

import directory.models.search_text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_finder_search_text_pages_corrections'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='organisation',
            name='search_text',
        ),
        migrations.AddField(
            model_name='organisation',
            name='search_text',
            field=models.GeneratedField(db_persist=True, expression=directory.models.search_text.FoldedText('name', 'short_description', 'description', 'city', html=('description',)), output_field=models.TextField(), verbose_name='texte de recherche'),
        ),
    ]
