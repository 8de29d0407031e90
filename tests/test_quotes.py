"""Quotes: extraction with speakers, and one quote across outlets and translations."""
from __future__ import annotations

from pathlib import Path

import pytest

from storyloom.analyze.quotes import find_quotes, find_reported
from storyloom.model import Article

FIXTURE = Path(__file__).parent / "fixtures" / "paraphrase_story"


def test_speaker_after_and_before_the_quote():
    text = ("“We will rebuild the bridge,” said harbour master Ana Lind. "
            "The mayor said the city would pay: “Every cent of it.” "
            "“It was chaos,” the senior official said.")
    quotes = find_quotes(text)
    assert [q.body for q in quotes] == ["We will rebuild the bridge", "Every cent of it.", "It was chaos"]
    assert quotes[0].speaker == "harbour master Ana Lind"
    assert quotes[1].speaker == "The mayor"
    assert quotes[2].speaker == "the senior official"
    assert all(text[q.start:q.end] == q.body for q in quotes)


def test_other_quote_marks_and_titles():
    text = "„Wir sind bereit“, sagte sie. «Estamos listos», dijo. He told “Welt” nothing."
    bodies = [q.body for q in find_quotes(text)]
    assert "Wir sind bereit" in bodies and "Estamos listos" in bodies
    assert "Welt" not in bodies  # a newspaper name, not speech


def test_reported_speech():
    quote = find_reported("The fire chief said that the blaze started in the kitchen.", 100)
    assert quote is not None and quote.speaker == "The fire chief"
    assert quote.body == "the blaze started in the kitchen" and not quote.direct
    assert find_reported("He said that it was fine and that nobody was hurt.") is None


@pytest.mark.slow
def test_one_quote_across_translations():
    from storyloom.analyze import analyze
    from storyloom.consolidate.quotes import extract_quotes

    articles = [Article(p.stem, p.read_text(encoding="utf-8"), source=p.stem)
                for p in sorted(FIXTURE.glob("*.txt"))]
    quotes = extract_quotes(analyze(articles))
    top = quotes[0]
    assert len(top.sources) == 4, [(q.text, q.sources) for q in quotes]
    assert top.speaker == "Lena Marsk"
    assert len(top.variants) >= 3


@pytest.fixture(scope="module")
def seed_quotes(seed_members):
    from storyloom.consolidate.quotes import extract_quotes

    return extract_quotes(seed_members)


@pytest.mark.slow
def test_seed_quotes(seed_quotes):
    concerned = next(q for q in seed_quotes if "concerned about the nature" in q.text)
    assert len(concerned.sources) == 4
    assert "official" in concerned.speaker
    assert any("deeply concerned" in v for v in concerned.variants)
    assert any(q.speaker == "Dmitry Peskov" and "extremely complicated" in q.text for q in seed_quotes)
    assert any(q.speaker == "Josep Borrell" and "uninvolved audience" in q.text for q in seed_quotes)
    horne = next(q for q in seed_quotes if "diplomatic" in q.text and q.speaker == "Emily Horne"
                 and len(q.sources) == 2)
    assert horne.variants


def test_lines_signed_by_a_dash_and_titles_in_names():
    text = ("\u201cThe quay is unsafe.\u201d \u2015 Ana Lind\n"
            "\u201cWe need a new pier.\u201d\u2015 Tomas Berg\n"
            "\u201cWe must act now,\u201d Rep. Ilse Marrow (D-Ore.) said Friday.\n"
            "\u201cIt was close,\u201d she told Radio Nord.")
    assert [q.speaker for q in find_quotes(text)] == ["Ana Lind", "Tomas Berg",
                                                      "Rep. Ilse Marrow (D-Ore.)", "she"]


def test_an_age_between_commas_and_a_participle_cue():
    text = "\u201cThe vote was fair,\u201d Wrenfield, 61, told Radio Nord on Monday."
    assert [q.speaker for q in find_quotes(text)] == ["Wrenfield"]


def test_a_title_and_an_apposition_name_the_person_a_description_means():
    from storyloom.analyze.roles import title_nouns, titled_as

    assert title_nouns("The Texas governor") == {"governor"}
    assert titled_as("visited by Texas Gov. ", ", who arrived", {"governor"})
    assert titled_as("met ", ", the governor of Wrenfield,", {"governor"})
    assert not titled_as("met Senator ", " on Friday", {"governor"})


def _direct_speakers(text: str) -> list[str]:
    """The speakers of an article's direct quotes as the brief resolves them."""
    from storyloom.analyze import analyze
    from storyloom.consolidate.quotes import article_quotes

    member = analyze([Article("a", text, source="Radio Nord")], "hashing")[0]
    return [q.speaker for q in article_quotes(member) if q.raw.direct]


@pytest.mark.slow
def test_a_described_or_pronoun_speaker_is_the_person_named_before():
    text = ("Wrenfield Gov. Ilse Marrow toured the harbour on Monday with Tomas Berg.\n\n"
            "\u201cWe will rebuild the quay,\u201d the governor told reporters.\n\n"
            "The tour was watched from the pier by fisherman Tomas Berg.\n\n"
            "\u201cI lost two boats,\u201d he said.")
    assert _direct_speakers(text) == ["Ilse Marrow", "Tomas Berg"]


@pytest.mark.slow
def test_what_was_said_is_no_speaker_and_an_outlet_keeps_its_name():
    text = ("The port reopened on Monday.\n\n"
            "\u201cThe quay is safe again,\u201d the statement said.\n\n"
            "\u201cRepairs took three weeks,\u201d The Harbour Gazette wrote.")
    assert _direct_speakers(text) == ["", "The Harbour Gazette"]


@pytest.mark.slow
def test_a_pronoun_speaker_agrees_with_the_honorifics_of_the_article():
    text = ("Wrenfield Gov. Ilse Marrow toured the harbour on Monday with Tomas Berg.\n\n"
            "Mrs. Marrow spoke after Mr. Berg had shown her the quay with Tomas Berg's crew.\n\n"
            "\u201cWe will rebuild it,\u201d she said.")
    speakers = _direct_speakers(text)
    assert len(speakers) == 1 and speakers[0].endswith("Marrow")  # not Berg, named last


def test_a_quote_ended_by_a_full_stop_is_not_attributed_by_the_next_sentence():
    text = ("“The quay is a stunning record of neglect.” Mr. Berg did not say what Ms. Lind said "
            "about it. “We won.” Lind said on Friday. “It held.” ― Tomas Berg")
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["", "Lind", "Tomas Berg"]
    # the sentence of the quote gives its speaker before it, a pronoun too
    quote = find_quotes('Likewise, he added that the talks will begin "on equal terms." He then left.')[0]
    assert quote.speaker == "he"
    # ... not after a clause that names others: "to whom he reiterated" is the subject's
    quote = find_quotes('Berg called Lind, to whom he reiterated "full support." He then left.')[0]
    assert quote.speaker == ""
    # the verb nearest the quote speaks, not one in a clause before it
    quote = find_quotes('Lind, who called Berg after the count was declared, told her staff, "We won."')[0]
    assert "Berg" not in quote.speaker  # (the sentence's subject is found later, from its names)



@pytest.mark.slow
def test_words_quoted_inside_a_sentence_are_its_subjects():
    text = ("Wrenfield Gov. Ilse Marrow toured the harbour on Monday with Tomas Berg.\n\n"
            "Governor Ilse Marrow branded the rival plan \u201ca stunt for the cameras.\u201d\n\n"
            "The plan was first shown in March.")
    assert _direct_speakers(text) == ["Ilse Marrow"]


@pytest.mark.slow
def test_she_said_after_a_sourced_quote_is_the_person_it_quoted():
    text = ("Wrenfield Gov. Ilse Marrow criticized the port board for its \u201csecrecy,\u201d according to "
            "The Harbour Gazette. \u201cWe know about the secret deals,\u201d she said.")
    assert _direct_speakers(text)[-1] == "Ilse Marrow"


def test_he_said_goes_on_with_the_subject_of_the_sentence_before():
    # the subject, not the last name: "Berg met Lind ... “...,” he said" is Berg's
    text = ("Tomas Berg met Ana Lind at the harbour on Monday.\n\n"
            "\u201cWe agreed on nothing at all,\u201d he said.")
    assert _direct_speakers(text) == ["Tomas Berg"]
    # ... and a name in a clause that opens the sentence is not its subject
    text = ("On Friday, the day that Tomas Berg left the harbour, Ana Lind closed the quay.\n\n"
            "\u201cIt is done now,\u201d she wrote.")
    assert _direct_speakers(text) == ["Ana Lind"]


def test_a_colon_hands_a_long_quotation_to_the_subject_and_an_opening_pronoun_speaks():
    text = ("Tomas Berg answered the council at once: \u201cThe harbour plan is costed on a "
            "quay that was never built, and every figure in it is wrong by half.\u201d")
    assert _direct_speakers(text) == ["Tomas Berg"]
    text = ("Mayor Ana Lind spoke to the council on Monday.\n\n"
            "She pressed on Tuesday, telling Radio Nord: \u201cThe plan is a fake.\u201d")
    assert _direct_speakers(text) == ["Ana Lind"]


def test_nouns_next_to_a_name_say_whom_he_or_she_can_be():
    from storyloom.consolidate.quotes import _genders

    text = ("Ana Lind, whose husband ran, spoke. Tomas Berg, her husband, spoke. "
            "Her friend, Ilse Marrow, a spokeswoman, left. He met his wife, Mia Sand.")
    named = [(text.index(n), text.index(n) + len(n), n)
             for n in ("Ana Lind", "Tomas Berg", "Ilse Marrow", "Mia Sand")]
    assert _genders(text, named) == {"Berg": "m", "Marrow": "f", "Sand": "f"}


def test_words_quoted_after_a_phrase_that_sets_the_scene_are_the_subjects():
    text = "At the hearing, Tomas Berg called the harbour plan a \u201cfiasco.\u201d"
    assert _direct_speakers(text) == ["Tomas Berg"]
    # an apposition is no scene: the name after it need not be the subject
    text = "Wrenfield blamed the harbour's owner, Tomas Berg, for \u201cyears of neglect.\u201d"
    assert _direct_speakers(text) == [""]


@pytest.mark.slow
def test_a_description_of_an_office_goes_on_with_the_person_just_quoted():
    # the article never titles her "governor": the description still means her
    text = ("Candidate Ilse Marrow spoke at the harbour on Monday.\n\n"
            "\u201cThe quay comes first,\u201d says Marrow. \u201cThe rest can wait.\u201d\n\n"
            "\u201cWe will rebuild it within a year,\u201d the Ohio governor continues.")
    assert _direct_speakers(text) == ["Marrow", "Marrow", "Marrow"]


@pytest.mark.slow
def test_a_described_speaker_is_not_a_titled_person_the_article_places_elsewhere():
    text = ("Mia Sand toured the harbour on Monday with Sen. Tomas Berg, R-Maine.\n\n"
            "The Ohio senator told reporters the quay \u201cwill be rebuilt within a year.\u201d")
    assert _direct_speakers(text) == ["Mia Sand"]


@pytest.mark.slow
def test_a_name_after_the_pronoun_in_its_own_clause_is_not_the_pronoun():
    text = ("\u201cThe quay comes first,\u201d Tomas Berg said on Monday.\n\n"
            "He said Mia Sand \u201chas never once visited the harbour.\u201d")
    assert _direct_speakers(text) == ["Tomas Berg", "Tomas Berg"]


@pytest.mark.slow
def test_sentences_opening_with_the_pronoun_carry_its_person():
    text = ("\u201cWe are ready,\u201d said Mia Sand, the port's director.\n\n"
            "Maria Lind says the repairs are late.\n\n"
            "She also has asked the council to review every contract.\n\n"
            "\u201cThe harbour cannot wait,\u201d she said in a statement.")
    assert _direct_speakers(text) == ["Mia Sand", "Maria Lind"]


def test_a_speaker_named_with_an_apposition_before_the_verb():
    text = ("\u201cThe budget hides a deficit,\u201d Rep. Ana Lind, D-N.Y., the former chair of the "
            "harbour committee, told the radio.")
    assert [q.speaker for q in find_quotes(text)] == ["Rep. Ana Lind"]


@pytest.mark.slow
def test_the_statement_said_is_whoever_issued_it():
    text = ("\u201cThe quay is safe,\u201d Mia Sand said in a statement released by her office.\n\n"
            "\u201cRepairs took three weeks,\u201d the statement said.\n\n"
            "\u201cWe will reopen on Monday,\u201d the report said.")
    assert _direct_speakers(text) == ["Mia Sand", "Mia Sand", ""]


def test_initials_a_possessive_before_a_name_and_an_as_clause_name_the_speaker():
    def speakers(text: str) -> list[str]:
        return [q.speaker for q in find_quotes(text)]

    assert speakers("\"The tide tables are wrong,\" says J.J. Marrow, a pilot.") == ["J.J. Marrow"]
    assert speakers("\"The delays,\" Radio Nord's Tomas Berg said.") == ["Radio Nord's Tomas Berg"]
    assert speakers("\"We won,\" Lind's campaign said.") == [""]  # the campaign, not Lind
    assert speakers("But as The Harbour Gazette pointed out, \u201cThe quay is still shut.\u201d") == [
        "The Harbour Gazette"]
    assert speakers("As Mia Sand put it, \u201cThe quay is still shut.\u201d") == ["Mia Sand"]


@pytest.mark.slow
def test_a_quote_after_a_long_attribution_sentence_goes_on_with_its_speaker():
    text = ("\u201cThe ferry will run again by spring,\u201d said Tomas Berg, who has captained it "
            "since 1998, as the crew loaded the last of the cargo onto the deck behind him. "
            "\u201cWe only need the new engine.\u201d")
    assert _direct_speakers(text) == ["Tomas Berg", "Tomas Berg"]


@pytest.mark.slow
def test_words_before_the_verb_that_are_no_subject_leave_the_quote_to_the_subject():
    text = ("Tomas Berg, who has run the port for a decade, came late to a Monday meeting with the "
            "board of the harbour and conceded that he had only \u201cskimmed the budget.\u201d")
    assert _direct_speakers(text) == ["Tomas Berg"]


@pytest.mark.slow
def test_a_sentence_ending_in_a_colon_hands_the_next_quotation_to_its_subject():
    text = ("The port reopened on Monday.\n\n"
            "Mia Sand, the harbour master, answered the critics at once, tweeting:\n\n"
            "\u201cThe quay is safe, the crews are back and the ferries run on time again!\u201d")
    assert _direct_speakers(text) == ["Mia Sand"]


def test_a_first_name_like_a_modal_verb_stays_in_the_speaker():
    assert [q.speaker for q in find_quotes("\u201cThe quay is open,\u201d Radio Nord's Will Sand wrote.")] == [
        "Radio Nord's Will Sand"]


def test_a_quotation_ending_its_paragraph_is_not_attributed_by_the_next_one():
    def speakers(text: str) -> list[str]:
        return [q.speaker for q in find_quotes(text)]

    assert speakers("\u201cThe quay is shut.\u201d\n\nLind announced a review on Monday.") == [""]
    assert speakers("\u201cThe quay is shut,\u201d\nsaid Lind.") == ["Lind"]  # a wrapped sentence
    assert speakers("\u201cWe will rebuild.\u201d\n- Tomas Berg.\n\nThe port is shut.") == ["Tomas Berg"]
    assert speakers("According to Tomas Berg, \u201cthe quay is unsafe.\u201d") == ["Tomas Berg"]
