"""The typed values a sentence gives (consolidate.slots.values_in): what conflicts compare."""
from __future__ import annotations

from storyloom.consolidate.slots import values_in


def _dates(text: str) -> list[str]:
    return [value.text for kind, _, _, value in values_in(text) if kind == "date"]


def test_a_date_line_joined_to_a_headline_is_no_reported_date():
    # the splitter joined a headline and the article's date line: the date is when the
    # article was written, not when the reported event happened
    assert _dates("Wrenfield skipper arrested after harbour crash\non Feb. 04, 2009") == []
    # a date in the running text, on a line with the words around it, stays
    assert _dates("Tomas Berg was arrested early on Sunday, February 1, 2009 in Wrenfield.") \
        == ["on Sunday, February 1, 2009"]
    assert _dates("The skipper was arrested\non Sunday, February 1, 2009, after the quay crash.") \
        == ["on Sunday, February 1, 2009"]


def test_a_value_in_brackets_after_a_name_is_that_names():
    from storyloom.consolidate.slots import parenthetical_owner

    def owner(text: str, value: str) -> str:
        at = text.index(value)
        return parenthetical_owner(text, at, at + len(value))

    assert owner("The champion Tomas Berg (52-3, 46 KOs) won again.", "46") == "Tomas Berg"
    assert owner("Harbour Gazette (12 pages) went to print.", "12") == "Harbour Gazette"
    assert owner("He said 46 people (mostly fishermen) were rescued.", "46") == ""
    assert owner("Some 240 residents (of 900 in Wrenfield) left.", "900") == ""
    assert owner("Ana Lind (34) and Ilse Marrow (36) spoke.", "36") == "Ilse Marrow"
