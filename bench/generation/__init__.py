"""Generated benchmark data, one module per model family; ``bench/generate.py`` runs it."""
