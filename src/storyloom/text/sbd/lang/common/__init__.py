"""pysbd's rules shared by every language (pysbd 0.3.4 `lang/common`, MIT licence)."""
from storyloom.text.sbd.lang.common.common import Common  # noqa: F401
from storyloom.text.sbd.lang.common.standard import Standard  # noqa: F401
