"""pysbd's punctuation replacer (pysbd 0.3.4 `punctuation_replacer.py`, MIT licence, see
LICENSE). Regular expressions go through `fastre`."""
from __future__ import annotations

from storyloom.text.sbd import fastre
from storyloom.text.sbd.utils import Rule, Text


class EscapeRegexReservedCharacters:
    LeftParen = Rule(r'\(', '\\(')
    RightParen = Rule(r'\)', '\\)')
    LeftBracket = Rule(r'\[', '\\[')
    RightBracket = Rule(r'\]', '\\]')
    Dash = Rule(r'\-', '\\-')

    All = [LeftParen, RightParen, LeftBracket, RightBracket, Dash]


class SubEscapedRegexReservedCharacters:
    SubLeftParen = Rule(r'\\\(', '(')
    SubRightParen = Rule(r'\\\)', ')')
    SubLeftBracket = Rule(r'\\\[', '[')
    SubRightBracket = Rule(r'\\\]', ']')
    SubDash = Rule(r'\\\-', '-')

    All = [
        SubLeftParen, SubRightParen, SubLeftBracket, SubRightBracket, SubDash
    ]


def replace_punctuation(match, match_type=None):
    text = Text(match.group()).apply(*EscapeRegexReservedCharacters.All)
    sub = fastre.sub(r'\.', '∯', text)
    sub_1 = fastre.sub(r'\。', '&ᓰ&', sub)
    sub_2 = fastre.sub(r'\．', '&ᓱ&', sub_1)
    sub_3 = fastre.sub(r'\！', '&ᓳ&', sub_2)
    sub_4 = fastre.sub(r'\!', '&ᓴ&', sub_3)
    sub_5 = fastre.sub(r'\?', '&ᓷ&', sub_4)
    last_sub = fastre.sub(r'\？', '&ᓸ&', sub_5)
    if match_type != 'single':
        last_sub = fastre.sub(r"'", '&⎋&', last_sub)
    text = Text(last_sub).apply(*SubEscapedRegexReservedCharacters.All)
    return text
