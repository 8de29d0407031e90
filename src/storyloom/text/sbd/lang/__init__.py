"""pysbd's languages, one module each (pysbd 0.3.4 `lang`, MIT licence)."""
