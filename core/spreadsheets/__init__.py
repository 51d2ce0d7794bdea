"""Spreadsheet import/export plumbing shared by every app: reading, formats, columns,
the base resource and the admin mixin."""
