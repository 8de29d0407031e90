"""Quotes of a story: who said what, one quote across outlets and translations.

Extraction (marks, attribution patterns) lives in analyze/quotes.py; here speakers are
resolved to names (PERSON mentions, merged spellings) or to a description ("a senior
official"), and quotes are merged across articles when their words mean the same
(cross-lingual embedding similarity) or one is a fragment of the other.
"""
from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from storyloom.analyze.embed import embed_texts, embedder_of
from storyloom.analyze.quotes import RawQuote, find_quotes, find_reported, reported_by
from storyloom.analyze.roles import find_roles, title_nouns, titled_as
from storyloom.consolidate.align import gram
from storyloom.consolidate.entities import clean_name, same_person
from storyloom.model import AnalyzedArticle, Evidence, QuoteItem, Sentence
from storyloom.text.en import GENDERED_NOUNS, OFFICE_NOUNS, PRONOUNS, SCENE_OPENERS, SPEECH_VERBS, STATEMENT_NOUNS

log = logging.getLogger(__name__)

MERGE_SIMILARITY = 0.62  # cosine of quote texts; translations of one quote score ~0.7-0.9
MIN_UNATTRIBUTED_WORDS = 6  # shorter unattributed quotes are mostly scare quotes
FRAGMENT_WORDS = 5  # shorter quotes are compared through their sentence
FRAGMENT_CONTEXT = 0.35  # sentence similarity a fragment needs (with its head word shared)
FRAGMENT_BONUS = 0.3  # a shared head word plus related sentences counts as a match
_FUNCTION_WORDS = {"that", "this", "with", "from", "have", "were", "will", "would", "they",
                   "their", "there", "about", "which", "been", "also", "into"}
# the verb of the quote's sentence that makes its subject the speaker, a participle too:
# "The mayor thanked the crews, telling reporters, “...”", "calling it a “...”"
_VERB_RE = re.compile(r"\b(?:" + "|".join(SPEECH_VERBS + ("saying", "telling", "calling", "writing",
                                                          "declaring", "noting", "adding", "labeling",
                                                          "labelling", "tweeting", "posting", "arguing",
                                                          "warning", "insisting", "explaining",
                                                          "asking", "stating", "claiming")) + r")\b", re.I)


@dataclass
class FoundQuote:
    """One quote in one article, speaker resolved."""

    article_id: str
    publisher: str
    raw: RawQuote
    speaker: str  # a name, a description, or ""
    role: str
    named: bool  # the speaker is a person's name

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.article_id, self.raw.start, self.raw.end, self.raw.body)


def _person_mentions(member: AnalyzedArticle) -> list[tuple[int, int, str]]:
    """PERSON mentions, and the other mentions that write a PERSON's name of the article:
    the small tagger calls a bare "Trump" ORG in many sentences where it tags "Donald
    Trump" a PERSON (annotate types a name by its fullest form for the same reason)."""
    people = [m for m in member.mentions if m.label == "PERSON"]
    names = {clean_name(m.text) for m in people}
    surnames = {name.split()[-1] for name in names if len(name.split()) >= 2}
    found = [(m.start, m.end, m.text) for m in member.mentions
             if m.label == "PERSON" or clean_name(m.text) in names or clean_name(m.text) in surnames]
    return sorted(found + _untagged(member.article.text, surnames, member.mentions))


def _untagged(text: str, surnames: set[str], mentions) -> list[tuple[int, int, str]]:
    """The surnames of the article's people where the tagger marked nothing ("Lind did
    not agree with Berg's view": a sentence-initial surname is often left untagged)."""
    names = [n for n in surnames if n[:1].isupper() and len(n) > 2]
    if not names:
        return []
    pattern = re.compile(r"(?<![\w.'\u2019-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'-])")
    tagged = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in tagged]
    found = []
    for match in pattern.finditer(text):
        k = bisect_right(starts, match.start()) - 1
        if k >= 0 and tagged[k][1] > match.start():
            continue  # inside a mention the tagger made
        if k + 1 < len(tagged) and tagged[k + 1][0] < match.end():
            continue
        found.append((match.start(), match.end(), match.group()))
    return found


# what a description may not start or end with and still name who spoke: "In a series of
# tweets", "The field of" are pieces of a clause; "the statement", "the report" name what
# was said, not who said it (an empty speaker is better than a wrong one)
_NOT_SPEAKER_FIRST = frozenset("in on at for with during after before from by of to as".split())
_NOT_SPEAKER_LAST = frozenset("of the a an to for in on at with and by from".split())
_SAID_THINGS = frozenset(STATEMENT_NOUNS) | {"release", "report", "letter", "post", "message"}


def _names_no_speaker(who: str) -> bool:
    words = [w.strip(".,;:").lower() for w in who.split()]
    named = any(w[:1].isupper() for w in who.split()[1:])  # "the IMF report": the IMF's
    return not words or words[0] in _NOT_SPEAKER_FIRST or words[-1] in _NOT_SPEAKER_LAST \
        or words[-1] in _SAID_THINGS and not named


def _describe(who: str) -> str:
    """'the senior official' -> 'a senior official'; 'The Hill' stays a name."""
    words = who.split()
    if len(words) > 1 and words[0] == "The" and words[1][:1].isupper():
        return who  # a name with its article: "The Hill", "The Washington Post"
    if words and words[0].lower() == "the":
        rest = " ".join(words[1:])
        return ("an " if rest[:1].lower() in "aeiou" else "a ") + rest
    return who[:1].lower() + who[1:] if words and words[0] in ("A", "An") else who


def _name_in(who: str, people: list[tuple[int, int, str]]) -> str:
    # a name has a capital: the tagger also marks "harbour master" as a PERSON
    people = [p for p in people if any(w[:1].isupper() for w in clean_name(p[2]).split())]
    for _, _, name in sorted(people, key=lambda p: -len(p[2])):
        if clean_name(name) and clean_name(name) in who:
            return clean_name(name)
    name_word = r"[A-Z](?:['\u2019][A-Z])?[a-z'\u2019-]+"  # "Lind", "O'Berg", "D\u2019Sand"
    tokens = re.findall(rf"{name_word}(?:\s+[A-Z]\.)?(?:\s+{name_word})*", who)
    for token in reversed(tokens):
        if len(token.split()) <= 3 and any(clean_name(name).split()[-1:] == token.split()[-1:]
                                           for _, _, name in people):
            return token  # "Lind detailed": a surname of a PERSON named elsewhere
    return ""


_PRONOUN_OPENING = re.compile(r"\s*(He|She)\b(?!\s+(?:said|says|told)\b)")

# a phrase quoted inside a sentence ("branded the plan “a stunt for the cameras”"), not a
# quotation of its own: only such a phrase goes to the sentence's subject without a verb
FRAGMENT_MAX_WORDS = 12


def _fallback_speaker(member: AnalyzedArticle, quote: RawQuote, people: list[tuple[int, int, str]]) -> str:
    """'Ana Lind, the spokeswoman ..., who assured that ... “...”': the PERSON before a
    speech verb in the quote's sentence."""
    sentence = _sentence_at(member, quote.start)
    if sentence is None:
        return ""
    head = member.article.text[sentence.start:quote.start]
    if not head.strip(" \t\n\u201c\"\u201e\u00ab") and sentence.index > 0:
        # "Lind answered at once, tweeting:" closing the sentence before the quotation
        opened = member.sentences[sentence.index - 1]
        if opened.text.rstrip().endswith(":"):
            sentence, head = opened, member.article.text[opened.start:quote.start]
    verbs = list(_VERB_RE.finditer(head))
    if not verbs:
        # "Gov. Lind dismissed the plan as “a stunt.”": words quoted inside a sentence are
        # its subject's, when the sentence opens with that person (after a title or two);
        # so is a quotation of any length the sentence hands over with a colon ("Lind
        # answered at once: “...”")
        opening = [p for p in people if sentence.start <= p[0] < quote.start]
        before_name = member.article.text[sentence.start:opening[0][0]] if opening else ""
        titles = before_name.split()
        if titles and titles[0].lower() in SCENE_OPENERS:
            # after a phrase that sets the scene: "At the hearing, Lind ..." (not "Berg's
            # rival, Lind, ...": an apposition may name someone else than the subject)
            titles = before_name.rsplit(",", 1)[-1].split()
        handed = len(quote.body.split()) <= FRAGMENT_MAX_WORDS \
            or head.rstrip(" \t\n\u201c\"\u201e\u00ab").endswith(":")
        if opening and len(titles) <= 2 and all(w[:1].isupper() for w in titles) and handed:
            return clean_name(opening[0][2])
        return ""
    verb_at = sentence.start + verbs[-1].start()
    before = [(p[0], p[2]) for p in people if sentence.start <= p[0] and p[1] <= verb_at]
    if before:
        return clean_name(_subject(member.article.text, sentence.start, before))
    # "She pressed on, telling the radio: “...”": the pronoun, resolved as "she said" is
    # (without a speech verb the opening pronoun credited the wrong person as often as not)
    opener = _PRONOUN_OPENING.match(head)
    return opener.group(1) if opener else ""


# the article's own honorifics say who is a man or a woman ("Mrs. Clinton", "Mr. Weiner")
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'\u2019-]+)")
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# a name that is what a sentence is about, not who acts in it: after a preposition ("his
# attacks on Obama"), or an owner ("the Obama administration's", "Trump's wife")
_OBJECT_BEFORE = re.compile(r"\b(?:on|against|about|of|with|to|at|for|from|by|toward|towards)\s+(?:the\s+)?"
                            r"(?:(?-i:[A-Z][\w.'\u2019-]*)\s+(?:of\s+)?){0,3}$", re.I)
_OWNER_AFTER = re.compile(r"(?:'s|\u2019s|\s+administration)\b")


_GENDERED_BEFORE = re.compile(r"\b(" + "|".join(GENDERED_NOUNS) + r"),?\s+$", re.I)
# (a word between may describe the noun, never own it: "Ana Lind, whose husband")
_GENDERED_AFTER = re.compile(r",\s+(?:(?:a|an|the|his|her|their)\s+)?"
                             r"(?:(?!(?:whose|who|which|and|or|with|of)\b)[\w-]+\s+){0,2}?("
                             + "|".join(GENDERED_NOUNS) + r")\b", re.I)


def _genders(text: str, named: list[tuple[int, int, str]]) -> dict[str, str]:
    """Surname -> "m" or "f" where the article's honorifics ("Mrs. Lind") and the nouns
    next to the person's name ("his wife, Ana Lind", "Tomas Berg, her husband") agree on
    one."""
    seen: dict[str, set[str]] = {}
    for match in _HONORIFIC.finditer(text):
        seen.setdefault(match.group(2), set()).add("m" if match.group(1) == "Mr" else "f")
    for start, end, name in named:
        noun = _GENDERED_BEFORE.search(text, max(0, start - 24), start) \
            or _GENDERED_AFTER.match(text, end, end + 48)
        if noun:
            seen.setdefault(name.split()[-1], set()).add(GENDERED_NOUNS[noun.group(1).lower()])
    return {name: next(iter(kinds)) for name, kinds in seen.items() if len(kinds) == 1}


def _named_people(people: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON mentions whose cleaned name has a capital, as (start, end, name): the
    tagger also marks "harbour master" as a PERSON."""
    cleaned = [(start, end, clean_name(name)) for start, end, name in people]
    return [p for p in cleaned if any(w[:1].isupper() for w in p[2].split())]


def _object(member: AnalyzedArticle, start: int) -> bool:
    """The name at `start` follows a preposition in its own sentence ("his attacks on
    Lind", "to Secretary of State Lind")."""
    sentence = _sentence_at(member, start)
    return bool(_OBJECT_BEFORE.search(member.article.text, max(sentence.start if sentence else 0,
                                                               start - 48), start))


def _last_person_before(member: AnalyzedArticle, before: int, named: list[tuple[int, int, str]],
                        genders: dict[str, str], since: int, pronoun: str) -> str:
    """The person named last between `since` and `before` (the sentence of the quote or
    the one before it at most) whom the pronoun can stand for, or ""."""
    sentences = [s for s in member.sentences if s.start < before]
    text = member.article.text
    first = len(sentences) - 2  # the sentence before the quote's
    # "Lind spoke first. He then toured the quay. “...,” he said": a sentence that opens
    # with the pronoun goes on with its person, who may be named a sentence earlier
    while first >= 1 and sentences[first].start > since and pronoun \
            and re.match(rf"\s*{pronoun}\b", sentences[first].text, re.I) \
            and not any(sentences[first].start <= p[0] < sentences[first].end for p in named):
        first -= 1
    window = max(since, sentences[first].start if first >= 0 else 0)
    # "He said Lind “...”": a name after the pronoun in its own clause is someone else
    end_at = before
    if pronoun and sentences:
        cue = re.search(rf"\b{pronoun}\b", text[sentences[-1].start:before], re.I)
        end_at = sentences[-1].start + cue.start() if cue else before
    wanted = _PRONOUN_GENDER.get(pronoun.lower())
    fitting = [(start, name) for start, end, name in named if window <= start and end <= end_at
               and (wanted is None or genders.get(name.split()[-1], wanted) == wanted)
               and not _object(member, start) and not _OWNER_AFTER.match(text, end)]
    if not fitting:
        return ""
    latest = _sentence_at(member, fitting[-1][0])
    if latest is None:
        return fitting[-1][1]
    # the subject of the latest sentence naming one: "he" goes on with whom a sentence is
    # about more often than with the last name in it
    return _subject(text, latest.start, [f for f in fitting if latest.start <= f[0] < latest.end])


# a subordinate clause open at a name ("the day that Lind stood ..., Berg said"; "Asked
# whether Berg ...,"): the name is not the sentence's subject
_OPEN_CLAUSE = re.compile(r"\b(?:that|who|whom|whose|which|when|while|after|before|because|although|"
                          r"though|if|since|whether|until|where)\b[^,;\u2014]*$", re.I)


def _subject(text: str, sentence_start: int, named: list[tuple[int, str]]) -> str:
    """The first of a sentence's (start, name) people outside a subordinate clause, or
    the first."""
    main = [name for start, name in named if not _OPEN_CLAUSE.search(text, sentence_start, start)]
    return (main or [name for _, name in named])[0]


def _titled_antecedent(member: AnalyzedArticle, before: int, who: str,
                       named: list[tuple[int, int, str]]) -> str:
    """The last person named before `before` with a title the description `who` names
    ("the president" -> "President Donald Trump"), or ""."""
    nouns = title_nouns(who)
    if not nouns or who.split()[0].lower() not in ("the", "a", "an"):
        return ""
    text = member.article.text
    # "the Ohio senator" is not a senator the article places elsewhere ("Sen. Ana
    # Lind, R-Iowa"): the description's own names stand next to the title it matches
    places = [w for w in who.split()[1:] if w[:1].isupper() and w.lower() not in nouns]
    found = ""
    for start, end, name in named:
        if start >= before:
            break
        sentence = _sentence_at(member, start)
        stop = min(end + 60, sentence.end if sentence is not None else end + 60)
        before_name, after_name = text[max(0, start - 40):start], text[end:stop]
        if titled_as(before_name, after_name, nouns) \
                and all(w in before_name or w in after_name for w in places):
            found = name
    return found


def _anaphoric(who: str) -> bool:
    """'the Wrenfield governor', 'the presumptive nominee': a definite description of an
    office one person holds (not "the spokesman", whom a story often brings in anew)."""
    words = who.lower().split()
    return words[0] == "the" and any(words[-len(o.split()):] == o.split() for o in OFFICE_NOUNS)


def _issued_by(member: AnalyzedArticle, previous: FoundQuote, who: str) -> bool:
    """`who` is "the statement" (letter, post, ...) and the previous quote was given as
    read from one ("Lind said in a statement", "Lind wrote in a letter")."""
    words = who.lower().split()
    if len(words) != 2 or words[0] != "the" or words[1] not in _SAID_THINGS:
        return False
    opened, closed = _sentence_at(member, previous.raw.start), _sentence_at(member, previous.raw.end)
    start = opened.start if opened is not None else previous.raw.start
    end = closed.end if closed is not None else previous.raw.end
    return re.search(rf"\b(?:in|on|via)\s+(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+)?{words[1]}\b",
                     member.article.text[start:end], re.I) is not None


# what a description of a speaker opens with ("the senior official", "a spokeswoman for",
# "two officials", "his lawyer")
_DESCRIPTION_OPENERS = frozenset("the a an his her their its our one two three several some many "
                                 "another other both former".split())


def _cut_short(who: str) -> bool:
    """A speaker read as written that is no name and opens neither with a determiner nor
    with a lower-case noun ("Monday meeting", "Harbour official"): the reader took the
    last words before the verb and missed the subject."""
    first = who.split()[0]
    return first[:1].isupper() and first.lower() not in _DESCRIPTION_OPENERS and len(who.split()) >= 2


def _an_organisation(member: AnalyzedArticle, who: str) -> bool:
    """`who` holds a name the tagger gives an organisation ("Harbour Authority", "Radio
    Nord", "The Harbour Gazette reports"): a speaker of its own."""
    return any(m.text in who for m in member.mentions
               if m.label in ("ORG", "FAC", "WORK_OF_ART") and len(m.text) > 2)


def _just_before(member: AnalyzedArticle, previous: FoundQuote, before: int) -> bool:
    """The previous quote ends in the sentence before `before`'s or in its own."""
    sentences = [s for s in member.sentences if s.start < before]
    return len(sentences) < 2 or previous.raw.end >= sentences[-2].start


def _resolve(member: AnalyzedArticle, quotes: list[RawQuote]) -> list[FoundQuote]:
    people = _person_mentions(member)
    named = _named_people(people)  # read once per article, like its honorifics
    genders = _genders(member.article.text, named)
    found: list[FoundQuote] = []
    for quote in quotes:
        previous = found[-1] if found else None
        gap = member.article.text[previous.raw.end:quote.start] if previous else ""
        goes_on = previous is not None and not quote.speaker and (
            len(gap) < 6 or _next_paragraph(member.article.text, gap, quote.start)
            or _after_attribution(gap, previous.raw.speaker))
        who = quote.speaker or ("" if goes_on else _fallback_speaker(member, quote, people))
        pronoun = bool(who.split()[:1]) and who.split()[0].lower() in ("he", "she")
        # a quote credited to a source ('for its “secrecy,” according to The Harbour Gazette') is no
        # speaker a later "she said" goes on with: she is named in its sentence or after
        sourced = previous is not None and not previous.named \
            and reported_by(member.article.text, previous.raw.end)
        if pronoun and not goes_on:
            since = 0  # where the pronoun's person may be named
            if previous is not None and sourced:
                opened = _sentence_at(member, previous.raw.start)
                since = opened.start if opened else previous.raw.start
            elif previous is not None:
                since = previous.raw.end
            nearest = _last_person_before(member, quote.start, named, genders, since, who.split()[0])
            if nearest:
                found.append(FoundQuote(member.id, member.article.publisher, quote, nearest, "", True))
                continue  # "he said", the last person named since the previous quote
        if previous and (who.split()[:1] and who.split()[0].lower() in PRONOUNS or goes_on) \
                and not (pronoun and sourced):
            found.append(FoundQuote(member.id, member.article.publisher, quote, previous.speaker,
                                    previous.role, previous.named))
            continue  # "he said" / a quote continuing the previous one
        name = _name_in(who, people) if who else ""
        if who and not name:  # "the Texas governor said": the person the article so titles
            name = _titled_antecedent(member, quote.start, who, named)
        if who and not name and previous is not None and previous.named \
                and _issued_by(member, previous, who):
            name = previous.speaker  # "“...,” the statement said": the one it was issued by
        if who and not name and _anaphoric(who):
            # "“...,” the Wrenfield governor went on" where the article never gave her that
            # title: a definite description of an office goes on with the person just
            # named or quoted, as "he" would
            name = _last_person_before(member, quote.start, named, genders,
                                       previous.raw.end if previous else 0, "") \
                or (previous.speaker if previous is not None and previous.named
                    and _just_before(member, previous, quote.start) else "")
        if who and not name and _cut_short(who) and not _an_organisation(member, who):
            # "came late to a Monday meeting ... and conceded “...”": the words before
            # the verb were a piece of the sentence, not its subject; the subject speaks
            name = _fallback_speaker(member, quote, people)
            who = name or who
        role = ""
        if name:
            roles = find_roles(who, [(who.index(name), who.index(name) + len(name))]) \
                if name in who else []
            role = roles[0].role if roles else ""
        speaker = name or ("" if _names_no_speaker(who) or who.lower() in PRONOUNS else _describe(who))
        found.append(FoundQuote(member.id, member.article.publisher, quote, speaker, role,
                                bool(name)))
    return found


def _sentence_at(member: AnalyzedArticle, at: int) -> Sentence | None:
    return next((s for s in member.sentences if s.start <= at < s.end), None)


# a quote opening the paragraph after another quote, with no speaker of its own, goes on
# with that speaker (the news convention for a long quotation); the gap between the two
# is at most the earlier quote's attribution ('," Lind said on Friday.')
CONTINUATION_GAP = 100


def _next_paragraph(text: str, gap: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return ("\n" in gap and len(gap) <= CONTINUATION_GAP
            and not text[line_start:start].strip(" \t\u201c\"\u201e\u00ab\u2018'"))


# an attribution that goes on in a clause ('," said Lind, who runs the gym, as crews
# worked outside. "...') is still one sentence before the next quote
ATTRIBUTION_SENTENCE_GAP = 320
_SENTENCE_END_INSIDE = re.compile(r"[.!?][\"\u201d\u2019']?\s+\S")


def _after_attribution(gap: str, speaker: str) -> bool:
    """'"We are ready," Ms. Lind said on Monday. "...': the next quote in the paragraph,
    right after the previous one's attribution, is the same speaker's."""
    if not speaker or "\n" in gap or speaker not in gap:
        return False
    return len(gap) <= CONTINUATION_GAP or (
        len(gap) <= ATTRIBUTION_SENTENCE_GAP and not _SENTENCE_END_INSIDE.search(gap.strip(" \t\"\u201c\u201d")))


def article_quotes(member: AnalyzedArticle) -> list[FoundQuote]:
    """Direct quotes, then reported speech from sentences without quote marks; only in
    the part of the text the member's sentences cover (`pipeline.within_brief_limit`
    may keep the first part of a very long article)."""
    covered = member.sentences[-1].end if member.sentences else 0
    raws = find_quotes(member.article.text[:covered])
    if member.article.blocks:
        raws = [q for q in raws if any(s <= q.start < e for s, e in member.article.blocks)]
    for sentence in member.sentences:
        reported = find_reported(sentence.text, sentence.start)
        if reported is not None:
            raws.append(reported)
    raws.sort(key=lambda q: q.start)
    return _resolve(member, raws)


def _pieces(body: str) -> list[str]:
    """The quote and, for a quote of several sentences, each sentence of it."""
    parts = [p.strip() for p in re.split(r"(?<=[.!?])\s+", body) if len(p.split()) >= FRAGMENT_WORDS]
    return [body] + (parts if len(parts) > 1 else [])


def _context_row(member: AnalyzedArticle, quote: FoundQuote) -> np.ndarray | None:
    for sentence in member.sentences:
        if sentence.start <= quote.raw.start < sentence.end and member.sentence_embeddings is not None:
            return member.sentence_embeddings[sentence.index]
    return None


def _content_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-zà-ÿ]{4,}", text.lower()) if w not in _FUNCTION_WORDS}


# the share of the content words of either quote that the other prints for the two to be
# one quotation in one language (two speakers' different sentences on one topic are not)
SAME_WORDS = 0.5


def same_words(first: str, second: str) -> bool:
    """Two quotations in one language print mostly the same words, each of the other's."""
    a, b = _content_words(first), _content_words(second)
    return bool(a and b) and len(a & b) >= SAME_WORDS * max(len(a), len(b))


def _similarities(members: list[AnalyzedArticle], pairs) -> np.ndarray:
    """Quote-by-quote similarity: best matching sentence of either quote; a fragment
    ("deeply concerned") is compared through its sentence and must share a word."""
    owners, texts = [], []
    for n, (_, quote) in enumerate(pairs):
        for piece in _pieces(quote.raw.body):
            owners.append(n)
            texts.append(piece)
    vectors = embed_texts(texts, embedder_of(members))
    piece_sim = gram(vectors)
    owners_arr = np.array(owners)
    size = len(pairs)
    sim = np.full((size, size), -1.0)
    np.maximum.at(sim, (owners_arr[:, None].repeat(len(owners), 1),
                        owners_arr[None, :].repeat(len(owners), 0)), piece_sim)
    _fragment_similarities(sim, members, pairs)
    return sim


def _fragment_similarities(sim: np.ndarray, members: list[AnalyzedArticle], pairs) -> None:
    """Pairs with a fragment: their sentences' similarity plus a bonus when they share
    the fragment's head word, else -1. Only pairs with a short quote are visited."""
    contexts = [_context_row(m, q) for m, q in pairs]
    bodies = [q.raw.body for _, q in pairs]
    lengths = [len(b.split()) for b in bodies]
    placed = [i for i, row in enumerate(contexts) if row is not None]
    short = {i for i in placed if lengths[i] < FRAGMENT_WORDS}
    words = functools.cache(lambda i: _content_words(bodies[i]))
    heads = functools.cache(lambda i: _content_words(bodies[i].split()[-1]))
    for i in placed:
        for j in placed if i in short else sorted(short):
            # the shorter quote is the fragment (the first of two as short)
            fragment, other = (i, j) if lengths[i] <= lengths[j] else (j, i)
            head = heads(fragment)  # "concerned" of "deeply concerned"
            context_sim = float(contexts[i] @ contexts[j])  # type: ignore[operator]  # placed: rows
            shared = head and head <= words(other)
            sim[i, j] = context_sim + FRAGMENT_BONUS if shared and context_sim >= FRAGMENT_CONTEXT \
                else -1.0


def _full_names(members: list[AnalyzedArticle], quotes: list[FoundQuote]) -> None:
    """'Lind' -> 'Ana Lind' when the story names her in full somewhere."""
    # first-appearance order, not a set: ties in max() below must not depend on the
    # process's hash seed (Dask workers are spawned with their own)
    names = list(dict.fromkeys(clean_name(m.text) for a in members for m in a.mentions
                               if m.label == "PERSON"))
    for quote in quotes:
        if quote.named:
            matches = [n for n in names if len(n.split()) > 1 and same_person(n, quote.speaker)]
            if matches:
                quote.speaker = Counter(matches).most_common(1)[0][0] if len(set(matches)) == 1 \
                    else max(matches, key=len)


def quote_groups(members: list[AnalyzedArticle],
                 quotes_of: Callable[[AnalyzedArticle], list[FoundQuote]] = article_quotes
                 ) -> list[list[FoundQuote]]:
    """Quotes of all articles, grouped so that each group is one quote (single link,
    at most one quote per article in a group). A brief groups its story's quotes once
    (consolidate.readings) for speaker conflicts and for the quotes themselves;
    `quotes_of` gives an article's quotes (copies: a speaker's surname becomes the full
    name the story gives)."""
    return _quote_groups(members, quotes_of)


def _quote_groups(members: list[AnalyzedArticle],
                  quotes_of: Callable[[AnalyzedArticle], list[FoundQuote]]) -> list[list[FoundQuote]]:
    pairs = [(m, q) for m in members for q in quotes_of(m)]
    quotes = [q for _, q in pairs]
    if not quotes:
        return []
    _full_names(members, quotes)
    if len({q.article_id for q in quotes}) < 2:
        # a group holds at most one quote per article: each quote is its own group, and
        # comparing them would only cost model calls
        return [[quote] for quote in quotes]
    similarity = _similarities(members, pairs)
    groups: list[list[int]] = []
    articles: list[set[str]] = []  # the articles of each group
    for i, quote in enumerate(quotes):
        scores = [(similarity[i, group].max(), g) for g, group in enumerate(groups)
                  if quote.article_id not in articles[g]]
        score, best = max(scores, default=(-1.0, -1))
        if score >= MERGE_SIMILARITY:
            groups[best].append(i)
            articles[best].add(quote.article_id)
        else:
            groups.append([i])
            articles.append({quote.article_id})
    return [[quotes[i] for i in group] for group in groups]


def _speaker_of(group: list[FoundQuote]) -> tuple[str, str]:
    named = [q for q in group if q.named]
    pool = named or [q for q in group if q.speaker]
    if not pool:
        return "", ""
    speaker = Counter(q.speaker for q in pool).most_common(1)[0][0]
    role = next((q.role for q in pool if q.speaker == speaker and q.role), "")
    return speaker, role


def _item(group: list[FoundQuote]) -> QuoteItem:
    direct = [q for q in group if q.raw.direct] or group
    longest = max(len(q.raw.body.split()) for q in direct)
    main = next(q for q in direct if len(q.raw.body.split()) >= 0.6 * longest)  # earliest full one
    variants = list(dict.fromkeys(q.raw.body for q in group if q.raw.body != main.raw.body))
    speaker, role = _speaker_of(group)
    sources = list(dict.fromkeys(q.article_id for q in group))
    return QuoteItem(speaker, main.raw.body, sources, variants, role,
                     [q.evidence for q in group])


def extract_quotes(members: list[AnalyzedArticle],
                   groups: list[list[FoundQuote]] | None = None) -> list[QuoteItem]:
    """One QuoteItem per quote, most widely reported first, attributed ones before others.
    `groups`: the story's quote groups when already made (quote_groups)."""
    items = [_item(g) for g in (quote_groups(members) if groups is None else groups)]
    items = [i for i in items if len(i.sources) > 1
             or i.speaker and (len(i.text.split()) > 1 or i.text[:1].islower())
             or len(i.text.split()) >= MIN_UNATTRIBUTED_WORDS]
    order = {m.id: n for n, m in enumerate(members)}
    items.sort(key=lambda i: (-len(i.sources), not i.speaker,
                              order.get(i.sources[0], 0), i.evidence[0].start))
    return items
