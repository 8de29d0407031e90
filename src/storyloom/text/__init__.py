"""The words of each language that the stages read, one module per language (as spaCy's
`lang/<code>/`): the lowest layer, importing nothing of storyloom.

So far: English calendar words (`en`). Still to move here from the stages: the speech
verbs and pronouns (analyze.quotes), role nouns and titles (analyze.roles), number words
(analyze.quantities), the German, Spanish, French and Italian month, weekday, number and
unit words (analyze.times, drawn from dateparser's data), and ingest.dates' date-line
words.
"""
