"""storyloom: group multi-source news into stories and consolidate each into a brief."""

__version__ = "0.1.0"
