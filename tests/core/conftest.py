"""Fixtures the core tests share with the public pages."""

from tests.public.conftest import portal  # noqa: F401  (the public records the cache tests write to)
