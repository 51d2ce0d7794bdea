"""Donor-report indicators computed by the database, one module per area of the catalogue
(``catalogue`` lists them all). Each indicator is a fixed number of aggregate queries
whatever the row count."""
