"""Syndicated copies: exact and near-duplicate copies point at the earliest version."""
from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.ingest.syndication import jaccard, mark_syndicated, shingles
from storyloom.model import Article

BODY = ("The regional parliament approved the new water law on Tuesday after a debate that "
        "lasted eleven hours. The law sets limits on how much water farms may draw from rivers "
        "in dry summers and creates a fund to repair leaking pipes in small towns. Opposition "
        "members said the limits were too weak, while farmers' groups said they were too strict. "
        "The law takes effect in January.")


def article(article_id, text, published=None):
    return Article(id=article_id, text=text, published=published)


def test_exact_and_near_copies_point_at_the_earliest():
    edited = BODY.replace("eleven hours", "11 hours") + " Reporting by the wire desk."
    articles = [article("late", BODY, "2023-05-03"), article("early", BODY, "2023-05-01"),
                article("edited", edited, "2023-05-02"),
                article("other", "A different story about a football match that ended in a "
                        "draw after extra time on Sunday evening in the capital city stadium.")]
    mark_syndicated(articles)
    result = {a.id: a.syndicated_of for a in articles}
    assert result == {"late": "early", "early": None, "edited": "early", "other": None}


def test_undated_articles_keep_input_order_and_short_texts_need_identity():
    articles = [article("a", BODY), article("b", BODY), article("s1", "Short note."),
                article("s2", "Short note."), article("s3", "Short note here.")]
    mark_syndicated(articles)
    assert [a.syndicated_of for a in articles] == [None, "a", None, "s1", None]


def test_rewritten_report_is_not_a_copy():
    rewrite = ("Lawmakers in the region passed a water bill on Tuesday following an eleven-hour "
               "session; it caps what farms can take from rivers during droughts and funds pipe "
               "repairs, drawing criticism from both the opposition and farmers.")
    articles = [article("a", BODY), article("b", rewrite)]
    mark_syndicated(articles)
    assert articles[1].syndicated_of is None


def test_clean_text_is_compared_not_furniture():
    furnished = "Share this\n\n" + BODY + "\n\nLeave a reply"
    copy = article("b", furnished)
    copy.blocks = [(len("Share this\n\n"), len("Share this\n\n") + len(BODY))]
    articles = [article("a", BODY), copy]
    mark_syndicated(articles)
    assert articles[1].syndicated_of == "a"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_marks_only_known_ids_and_never_self(texts):
    articles = [article(f"x{n}", t) for n, t in enumerate(texts)]
    mark_syndicated(articles)
    ids = {a.id for a in articles}
    for a in articles:
        assert a.syndicated_of is None or (a.syndicated_of in ids and a.syndicated_of != a.id)
        if a.syndicated_of:
            original = next(o for o in articles if o.id == a.syndicated_of)
            assert original.syndicated_of is None


def test_jaccard_bounds():
    assert jaccard(shingles(BODY), shingles(BODY)) == 1.0
    assert jaccard(set(), shingles(BODY)) == 0.0
