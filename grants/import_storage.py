"""Temporary storage for django-import-export that keeps the upload in the database.

Why not the configured alternatives: TempFolderStorage and MediaStorage (on the local
FileSystemStorage) write to one worker's disk, and CacheStorage with the default locmem
cache lives in one process, so a confirmation served by another worker finds nothing;
memcached would also cap a value at 1 MB. A row in PostgreSQL is visible to every worker.
"""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

from django.utils import timezone
from import_export.tmp_storages import BaseStorage

from grants.models import ImportUpload

# Uploads nobody confirmed are purged after this long.
STALE_AFTER = dt.timedelta(days=1)


class DatabaseStorage(BaseStorage):
    name: str | None

    def save(self, data: bytes | str) -> None:
        if not self.name:
            self.name = uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        ImportUpload.objects.filter(created_at__lt=timezone.now() - STALE_AFTER).delete()
        ImportUpload.objects.update_or_create(name=self.name, defaults={"content": data})

    def read(self) -> bytes | str | None:
        content = (
            ImportUpload.objects.filter(name=self.name).values_list("content", flat=True).first()
        )
        if content is None:
            return None
        content = bytes(content)
        if "b" not in self.read_mode:
            return content.decode(self.encoding or "utf-8")
        return content

    def remove(self) -> None:
        ImportUpload.objects.filter(name=self.name).delete()
