"""pysbd's ListItemReplacer (pysbd 0.3.4 `lists_item_replacer.py`, MIT licence, see
LICENSE): list items ("1.", "a)", "(iv)") get line breaks and placeholders.

Regular expressions go through `fastre`. Added skips, in `iterate_alphabet_array`
and `scan_lists`: when a list pattern cannot find what the loop needs (checked with
`str.find` around each "." or ")"), the loop is not run; its `findall` tried three
lookbehinds at every character, several times per text (~10% of splitting time,
profiled)."""
from __future__ import annotations

import string
from functools import partial

from storyloom.text.sbd import fastre
from storyloom.text.sbd.utils import Rule, Text


class ListItemReplacer:

    ROMAN_NUMERALS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv x xi xii xiii xv xvi xvii xviii xix xx".split(' ')
    LATIN_NUMERALS = list(string.ascii_lowercase)

    # Rubular: http://rubular.com/r/XcpaJKH0sz
    ALPHABETICAL_LIST_WITH_PERIODS = r'(?<=^)[a-z](?=\.)|(?<=\A)[a-z](?=\.)|(?<=\s)[a-z](?=\.)'

    # Rubular: http://rubular.com/r/Gu5rQapywf
    # TODO: Make sure below regex call is case-insensitive
    ALPHABETICAL_LIST_WITH_PARENS = r'(?<=\()[a-z]+(?=\))|(?<=^)[a-z]+(?=\))|(?<=\A)[a-z]+(?=\))|(?<=\s)[a-z]+(?=\))'

    # (pattern, replacement)
    SubstituteListPeriodRule = Rule('♨', '∯')
    ListMarkerRule = Rule('☝', '')

    # Rubular: http://rubular.com/r/Wv4qLdoPx7
    # https://regex101.com/r/62YBlv/1
    SpaceBetweenListItemsFirstRule = Rule(r'(?<=\S\S)\s(?=\S\s*\d+♨)', "\r")

    # Rubular: http://rubular.com/r/AizHXC6HxK
    # https://regex101.com/r/62YBlv/2
    SpaceBetweenListItemsSecondRule = Rule(r'(?<=\S\S)\s(?=\d{1,2}♨)', "\r")

    # Rubular: http://rubular.com/r/GE5q6yID2j
    # https://regex101.com/r/62YBlv/3
    SpaceBetweenListItemsThirdRule = Rule(r'(?<=\S\S)\s(?=\d{1,2}☝)', "\r")

    NUMBERED_LIST_REGEX_1 = r'\s\d{1,2}(?=\.\s)|^\d{1,2}(?=\.\s)|\s\d{1,2}(?=\.\))|^\d{1,2}(?=\.\))|(?<=\s\-)\d{1,2}(?=\.\s)|(?<=^\-)\d{1,2}(?=\.\s)|(?<=\s\⁃)\d{1,2}(?=\.\s)|(?<=^\⁃)\d{1,2}(?=\.\s)|(?<=s\-)\d{1,2}(?=\.\))|(?<=^\-)\d{1,2}(?=\.\))|(?<=\s\⁃)\d{1,2}(?=\.\))|(?<=^\⁃)\d{1,2}(?=\.\))'
    # 1. abcd
    # 2. xyz
    NUMBERED_LIST_REGEX_2 = r'(?<=\s)\d{1,2}\.(?=\s)|^\d{1,2}\.(?=\s)|(?<=\s)\d{1,2}\.(?=\))|^\d{1,2}\.(?=\))|(?<=\s\-)\d{1,2}\.(?=\s)|(?<=^\-)\d{1,2}\.(?=\s)|(?<=\s\⁃)\d{1,2}\.(?=\s)|(?<=^\⁃)\d{1,2}\.(?=\s)|(?<=\s\-)\d{1,2}\.(?=\))|(?<=^\-)\d{1,2}\.(?=\))|(?<=\s\⁃)\d{1,2}\.(?=\))|(?<=^\⁃)\d{1,2}\.(?=\))'
    # 1) abcd
    # 2) xyz
    NUMBERED_LIST_PARENS_REGEX = r'\d{1,2}(?=\)\s)'

    # Rubular: http://rubular.com/r/NsNFSqrNvJ
    # TODO: Make sure below regex call is case-insensitive
    EXTRACT_ALPHABETICAL_LIST_LETTERS_REGEX = r'\([a-z]+(?=\))|(?<=^)[a-z]+(?=\))|(?<=\A)[a-z]+(?=\))|(?<=\s)[a-z]+(?=\))'

    # Rubular: http://rubular.com/r/wMpnVedEIb
    # TODO: Make sure below regex call is case-insensitive
    ALPHABETICAL_LIST_LETTERS_AND_PERIODS_REGEX = r'(?<=^)[a-z]\.|(?<=\A)[a-z]\.|(?<=\s)[a-z]\.'

    # Rubular: http://rubular.com/r/GcnmQt4a3I
    ROMAN_NUMERALS_IN_PARENTHESES = r'\(((?=[mdclxvi])m*(c[md]|d?c*)(x[cl]|l?x*)(i[xv]|v?i*))\)(?=\s[A-Z])'

    def __init__(self, text: str) -> None:
        self.text = text

    def add_line_break(self):
        self.format_alphabetical_lists()
        self.format_roman_numeral_lists()
        self.format_numbered_list_with_periods()
        self.format_numbered_list_with_parens()
        return self.text

    def replace_parens(self):
        text = fastre.sub(self.ROMAN_NUMERALS_IN_PARENTHESES,
                      r'&✂&\1&⌬&', self.text)
        return text

    def format_numbered_list_with_parens(self):
        self.replace_parens_in_numbered_list()
        self.add_line_breaks_for_numbered_list_with_parens()
        self.text = Text(self.text).apply(self.ListMarkerRule)

    def replace_periods_in_numbered_list(self):
        self.scan_lists(self.NUMBERED_LIST_REGEX_1, self.NUMBERED_LIST_REGEX_2,
                        '♨', strip=True)

    def format_numbered_list_with_periods(self):
        self.replace_periods_in_numbered_list()
        self.add_line_breaks_for_numbered_list_with_periods()
        self.text = Text(self.text).apply(self.SubstituteListPeriodRule)

    def format_alphabetical_lists(self):
        self.txt = self.add_line_breaks_for_alphabetical_list_with_periods(
            roman_numeral=False)
        self.txt = self.add_line_breaks_for_alphabetical_list_with_parens(
            roman_numeral=False)
        return self.txt

    def format_roman_numeral_lists(self):
        self.txt = self.add_line_breaks_for_alphabetical_list_with_periods(
            roman_numeral=True)
        self.txt = self.add_line_breaks_for_alphabetical_list_with_parens(
            roman_numeral=True)
        return self.txt

    def add_line_breaks_for_alphabetical_list_with_periods(
            self, roman_numeral=False):
        txt = self.iterate_alphabet_array(
            self.ALPHABETICAL_LIST_WITH_PERIODS,
            roman_numeral=roman_numeral)
        return txt

    def add_line_breaks_for_alphabetical_list_with_parens(self, roman_numeral=False):
        txt = self.iterate_alphabet_array(
            self.ALPHABETICAL_LIST_WITH_PARENS,
            parens=True,
            roman_numeral=roman_numeral)
        return txt

    def scan_lists(self, regex1, regex2, replacement, strip=False):
        """Added skip: the loop substitutes only items next to a neighbouring number,
        so with fewer than two possible matches (counted with `str.find`, see
        `_count_number_stops`) it does nothing."""
        if regex1 == _NUMBER_STOP and _count_number_stops(self.text) < 2:
            return  # the added skip
        if regex1 == _NUMBER_PAREN and _count_number_parens(self.text) < 2:
            return  # the added skip
        list_array = fastre.findall(regex1, self.text)
        list_array = list(map(int, list_array))
        for ind, item in enumerate(list_array):
            # to avoid IndexError
            # ruby returns nil if index is out of range
            if (ind < len(list_array) - 1 and item + 1 == list_array[ind + 1]):
                self.substitute_found_list_items(regex2, item, strip, replacement)
            elif ind > 0:
                if (((item - 1) == list_array[ind - 1]) or
                    ((item == 0) and (list_array[ind - 1] == 9)) or
                    ((item == 9) and (list_array[ind - 1] == 0))):
                    self.substitute_found_list_items(regex2, item, strip, replacement)

    def substitute_found_list_items(self, regex, each, strip, replacement):

        def replace_item(match, val=None, strip=False, repl='♨'):
            match = match.group()
            if strip:
                match = str(match).strip()
            chomped_match = match if len(match) == 1 else match.strip('.])')
            if str(each) == chomped_match:
                return f"{each}{replacement}"
            else:
                return str(match)

        self.text = fastre.sub(regex, partial(replace_item, val=each,
                           strip=strip, repl=replacement), self.text)

    def add_line_breaks_for_numbered_list_with_periods(self):
        if ('♨' in self.text) and (not fastre.search(
                '♨.+(\n|\r).+♨', self.text)) and (not fastre.search(
                    r'for\s\d{1,2}♨\s[a-z]', self.text)):
            self.text = Text(self.text).apply(self.SpaceBetweenListItemsFirstRule,
                                    self.SpaceBetweenListItemsSecondRule)

    def replace_parens_in_numbered_list(self):
        self.scan_lists(
            self.NUMBERED_LIST_PARENS_REGEX, self.NUMBERED_LIST_PARENS_REGEX, '☝')
        self.scan_lists(self.NUMBERED_LIST_PARENS_REGEX, self.NUMBERED_LIST_PARENS_REGEX, '☝')

    def add_line_breaks_for_numbered_list_with_parens(self):
        if '☝' in self.text and not fastre.search("☝.+\n.+☝|☝.+\r.+☝", self.text):
            self.text = Text(self.text).apply(
                self.SpaceBetweenListItemsThirdRule)

    def replace_alphabet_list(self, a):
        """
        Input: 'a. ffegnog b. fgegkl c.'
        Output: \ra∯ ffegnog \rb∯ fgegkl \rc∯
        """

        def replace_letter_period(match, val=None):
            match = match.group()
            match_wo_period = match.strip('.')
            if match_wo_period == val:
                return f'\r{match_wo_period}∯'
            else:
                return match

        txt = fastre.sub(self.ALPHABETICAL_LIST_LETTERS_AND_PERIODS_REGEX,
                     partial(replace_letter_period, val=a),
                     self.text, flags=fastre.IGNORECASE)
        return txt

    def replace_alphabet_list_parens(self, a):
        """
        Input: "a) ffegnog (b) fgegkl c)"
        Output: "\ra) ffegnog \r&✂&b) fgegkl \rc)"
        """

        def replace_alphabet_paren(match, val=None):
            match = match.group()
            if '(' in match:
                match_wo_paren = match.strip('(')
                if match_wo_paren == val:
                    return f'\r&✂&{match_wo_paren}'
                else:
                    return match
            else:
                if match == val:
                    return f'\r{match}'
                else:
                    return match

        # Make it cases-insensitive
        txt = fastre.sub(self.EXTRACT_ALPHABETICAL_LIST_LETTERS_REGEX,
                     partial(replace_alphabet_paren, val=a),
                     self.text, flags=fastre.IGNORECASE)
        return txt

    def replace_correct_alphabet_list(self, a, parens):
        if parens:
            a = self.replace_alphabet_list_parens(a)
        else:
            a = self.replace_alphabet_list(a)
        return a

    def last_array_item_replacement(self, a, i, alphabet, list_array, parens):
        if (len(alphabet) == 0) & (len(list_array) == 0) or (
                list_array[i - 1] not in alphabet) or (a not in alphabet):
            return self.text
        if abs(alphabet.index(list_array[i - 1]) - alphabet.index(a)) != 1:
            return self.text
        result = self.replace_correct_alphabet_list(a, parens)
        return result

    def other_items_replacement(self, a, i, alphabet, list_array, parens):
        if (len(alphabet) == 0) & (len(list_array) == 0) or (
                list_array[i - 1] not in alphabet) or (a not in alphabet) or (
                    list_array[i + 1] not in alphabet):
            return self.text
        if alphabet.index(list_array[i + 1]) - alphabet.index(a) != 1 and \
                abs(alphabet.index(list_array[i - 1]) - alphabet.index(a)) != 1:
            return self.text
        result = self.replace_correct_alphabet_list(a, parens)
        return result

    def iterate_alphabet_array(self, regex, parens=False, roman_numeral=False):
        """Added skip: when the list regex cannot find an item of the alphabet, the
        loop has nothing to do (`_may_find_letter_stop`, `_may_find_letters_paren`)."""
        alphabet = self.ROMAN_NUMERALS if roman_numeral else self.LATIN_NUMERALS
        if regex == _LETTER_STOP and not _may_find_letter_stop(self.text, frozenset(alphabet)):
            return self.text  # the added skip
        if regex == _LETTERS_PAREN and not _may_find_letters_paren(
                self.text, frozenset(alphabet), max(map(len, alphabet))):
            return self.text  # the added skip
        list_array = fastre.findall(regex, self.text)
        list_array = [i for i in list_array if i in alphabet]
        for ind, each in enumerate(list_array):
            if ind == len(list_array) - 1:
                self.text = self.last_array_item_replacement(each, ind, alphabet, list_array, parens)
            else:
                self.text = self.other_items_replacement(
                    each, ind, alphabet, list_array, parens)
        return self.text


# ------------------------------------------------------------ the added skips

# the patterns the skips were derived from
_LETTER_STOP = ListItemReplacer.ALPHABETICAL_LIST_WITH_PERIODS
_LETTERS_PAREN = ListItemReplacer.ALPHABETICAL_LIST_WITH_PARENS
_NUMBER_STOP = ListItemReplacer.NUMBERED_LIST_REGEX_1
_NUMBER_PAREN = ListItemReplacer.NUMBERED_LIST_PARENS_REGEX


def _is_lower_ascii(char: str) -> bool:
    return "a" <= char <= "z"


def _may_find_letter_stop(text: str, alphabet: frozenset) -> bool:
    """Whether `_LETTER_STOP` finds a letter of `alphabet`: a letter a-z right before
    a full stop, at the start or after whitespace (`\\s` is `str.isspace`)."""
    pos = text.find(".")
    while pos >= 0:
        if pos and text[pos - 1] in alphabet and _is_lower_ascii(text[pos - 1]) and (
                pos == 1 or text[pos - 2].isspace()):
            return True
        pos = text.find(".", pos + 1)
    return False


def _may_find_letters_paren(text: str, alphabet: frozenset, longest: int) -> bool:
    """Whether `_LETTERS_PAREN` finds an item of `alphabet`: its matches are whole
    runs of a-z right before ")", at the start or after "(" or whitespace."""
    pos = text.find(")")
    while pos >= 0:
        start = pos
        while start and _is_lower_ascii(text[start - 1]) and pos - start <= longest:
            start -= 1
        if (pos - start <= longest and text[start:pos] in alphabet
                and (start == 0 or text[start - 1] == "(" or text[start - 1].isspace())):
            return True
        pos = text.find(")", pos + 1)
    return False


def _count_number_stops(text: str) -> int:
    """An upper bound on `_NUMBER_STOP` matches: each ends before its own "." that
    is followed by whitespace or ")" and preceded by a run of one or two digits
    (`\\d` is `str.isdecimal`; the character before the run is never a digit)."""
    count, pos = 0, text.find(".")
    while pos >= 0:
        if pos + 1 < len(text) and (text[pos + 1].isspace() or text[pos + 1] == ")"):
            run = 0
            while run < 3 and pos - run > 0 and text[pos - run - 1].isdecimal():
                run += 1
            count += 1 <= run <= 2
        pos = text.find(".", pos + 1)
    return count


def _count_number_parens(text: str) -> int:
    """An upper bound on `_NUMBER_PAREN` matches: each ends before its own ")" that
    follows a digit and precedes whitespace."""
    count, pos = 0, text.find(")")
    while pos >= 0:
        count += (pos > 0 and text[pos - 1].isdecimal() and pos + 1 < len(text)
                  and text[pos + 1].isspace())
        pos = text.find(")", pos + 1)
    return count
