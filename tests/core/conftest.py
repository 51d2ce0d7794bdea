"""Fixtures the core tests share with the public pages."""

from tests.public.conftest import (  # noqa: F401  (the public records the cache tests write to)
    portal,
    shared_portal,
)
