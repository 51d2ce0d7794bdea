"""Reports are computed from the other apps' records; this app stores nothing of its own."""
