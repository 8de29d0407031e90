"""English words the stages read."""
from __future__ import annotations

# lower case, in calendar order (January = 1)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
# the abbreviations news writes for each month ("Jan. 10", "Sept. 3"); May has none
MONTH_ABBREVIATIONS = (("jan",), ("feb",), ("mar",), ("apr",), (), ("jun",), ("jul",),
                       ("aug",), ("sep", "sept"), ("oct",), ("nov",), ("dec",))
# month words by number: the names and the abbreviations news writes ("Sept. 3")
MONTHS = {name: n for n, names in enumerate(
    ((full, *short) for full, short in zip(MONTH_NAMES, MONTH_ABBREVIATIONS)), start=1)
    for name in names}
# lower case, in ISO order (Monday = 0, as datetime.date.weekday())
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# verbs that attribute what someone said (cues of quotes and attributions)
SPEECH_VERBS = ("said", "says", "added", "warned", "told", "stressed", "explained", "noted",
                "insisted", "assured", "replied", "continued", "wrote", "declared", "stated",
                "confirmed", "detailed", "argued", "emphasized", "emphasised", "announced",
                "claimed", "asserted", "admitted", "acknowledged", "reiterated", "tweeted",
                "commented", "remarked", "responded", "promised", "affirmed", "concluded")
# More cues of a quote's speaker: the present tense of news features and commentary
# ("Lind tells", "Berg adds") and other verbs of saying. Kept apart from
# SPEECH_VERBS, which the learned contradiction decision's features were fitted with.
QUOTE_VERBS = SPEECH_VERBS + ("tells", "adds", "writes", "notes", "asks", "asked", "explains",
                              "continues", "recalled", "recalls", "joked", "quipped", "posted",
                              "testified", "predicted", "cautioned", "suggested", "urged",
                              "conceded", "boasted", "complained", "lamented", "mused", "shouted",
                              "yelled", "insists", "warns", "argues", "tweets", "responds",
                              "replies", "countered", "pointed out", "called", "retorted", "put it")
# occasions of speaking: "in an interview Tuesday", "in a statement Monday"
STATEMENT_NOUNS = ("interview", "statement", "conference", "speech", "remarks", "tweet", "briefing")
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# nouns that say a man ("m") or a woman ("f") when they stand next to a name ("his wife,
# Ana Lind"; "Congresswoman Ana Lind"; "Tomas Berg, her husband"): whom "he" or "she" can be
GENDERED_NOUNS = {
    "wife": "f", "husband": "m", "widow": "f", "widower": "m", "mother": "f", "father": "m",
    "daughter": "f", "son": "m", "sister": "f", "brother": "m", "girlfriend": "f",
    "boyfriend": "m", "grandmother": "f", "grandfather": "m", "aunt": "f", "uncle": "m",
    "niece": "f", "nephew": "m", "spokeswoman": "f", "spokesman": "m", "congresswoman": "f",
    "congressman": "m", "chairwoman": "f", "chairman": "m", "businesswoman": "f",
    "businessman": "m", "councilwoman": "f", "councilman": "m", "actress": "f",
    "anchorwoman": "f", "anchorman": "m", "queen": "f", "king": "m", "princess": "f",
    "prince": "m", "duchess": "f", "duke": "m", "lady": "f",
}

# jobs stated next to a name ("Ana Lind, the spokeswoman for ...", "Kremlin spokesman X")
ROLE_NOUNS = ("spokesman", "spokeswoman", "spokesperson", "press secretary", "secretary",
              "prime minister", "foreign minister", "minister", "vice president", "president",
              "director", "chief", "head", "chairman", "chairwoman", "chair", "ambassador",
              "adviser", "advisor", "envoy", "commander", "governor", "mayor", "senator",
              "leader", "deputy", "representative", "ceo", "founder", "coach", "manager",
              "lawyer", "attorney", "judge", "prosecutor", "general", "officer", "official",
              "rep", "publicist", "agent", "editor", "correspondent", "analyst", "professor")
# kin: where a story speaks of relatives, one surname has several given names
KIN_NOUNS = frozenset({"brother", "sister", "son", "daughter", "wife", "husband", "father", "mother",
                       "grandson", "granddaughter", "grandfather", "grandmother", "sibling",
                       "siblings", "niece", "nephew", "cousin", "widow", "widower", "uncle", "aunt",
                       "daughters", "sons", "brothers", "sisters", "parents", "family", "children",
                       "stepson", "stepdaughter", "in-law"})
# the titles written before a name ("Gov. Mike Pence", "House Speaker Nancy Pelosi") for
# the job a description names ("the governor said"): abbreviations and the nouns that are
# titles but not roles stated next to a name (ROLE_NOUNS)
TITLE_FORMS = {"governor": ("gov",), "senator": ("sen",), "representative": ("rep",),
               "congressman": ("rep", "representative"), "congresswoman": ("rep", "representative"),
               "president": ("pres",), "general": ("gen",), "attorney": ("atty",),
               "speaker": (), "nominee": (), "candidate": ()}
# offices one person holds, by which a story goes on naming someone it introduced ("“...,”
# the Wrenfield governor went on"); not the jobs a story brings a new person in by ("the
# spokesman", "an official", "the CEO")
OFFICE_NOUNS = ("president", "vice president", "prime minister", "chancellor", "governor",
                "senator", "representative", "congressman", "congresswoman", "mayor", "speaker",
                "nominee", "candidate", "leader")

# number words read as figures ("two ministers", "a dozen")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}
# scales of figures ("1.2 million", "$3bn")
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "m": 1e6, "bn": 1e9, "mln": 1e6, "mn": 1e6}

# periods (analyze.periods): quarters by ordinal, seasons as TimeML writes them
QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# words TimeML marks as a time when they stand for one; "previously", "soon", "recent" and
# a bare "future" mostly qualify something else ("future plans") and are left out
TIME_REFERENCES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
                   "recently": "PAST_REF", "the past": "PAST_REF", "formerly": "PAST_REF",
                   "the future": "FUTURE_REF"}
# holidays that name a day: (month, day), or (month, weekday, n) for the n-th such weekday
# of the month (n = -1: the last one)
HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
            "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
            "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
            "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4), "labor day": (9, 0, 1),
            "memorial day": (5, 0, -1), "martin luther king day": (1, 0, 3)}
PERIOD_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
                  "coming": 1}

# what makes a clause speak of what is to come ("will meet Tuesday", "is scheduled for
# Friday"): regular-expression pieces, joined as alternatives between word boundaries
FUTURE_CUES = ("will", "won't", "shall", "'ll", "going to", "is to", "are to", "scheduled",
               "plan(?:s|ning)? to", "planned", "expected to", "set to", "due to", "upcoming", "next",
               "later", "as (?:early|soon) as", "expects? to", "intends? to",
               "hopes? to", "aims? to", "(?-i:may|might)")
# what marks a clause as told in the past ("was", "said", "met", a regular past "-ed" in
# lower case, not "United"): regular-expression pieces; a clause with neither these nor a
# future cue is unmarked (a month there is the nearest one, not the last one)
PAST_CUES = ("was", "were", "had", "did", "said", "told", "ago", "(?-i:[a-z]{3,}ed)", "met", "came",
             "went", "took", "made", "began", "became", "left", "won", "lost", "saw", "gave",
             "got", "held", "fell", "rose", "sold", "bought", "brought", "paid", "found",
             "struck", "ran", "wrote", "spoke", "chose", "broke", "drove", "fought", "flew",
             "knew", "led", "meant", "sent", "spent", "stood", "taught", "thought")

# the last word of a law's name ("the Affordable Care Act", "the 19th Amendment"): such a
# name is a LAW (OntoNotes), whatever type the tagger gave it
LAW_NOUNS = frozenset({"Act", "Acts", "Amendment", "Treaty", "Accord", "Accords", "Charter"})
# what stands before a region's name ("in northern Ostrevik"): what follows is a place
COMPASS_ADJECTIVES = ("northern", "southern", "eastern", "western", "central", "northeastern",
                      "northwestern", "southeastern", "southwestern", "north-eastern",
                      "north-western", "south-eastern", "south-western")

# the words of a publication-date line ("Updated Tue, Jan. 10, 2023 at 9:06 AM EST",
# ingest.dates): weekday abbreviations, the words that say a line is a time stamp, and
# those that may stand around its date (time zones included)
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                         "fri": 4, "sat": 5, "sun": 6}
DATE_LINE_MONTHS = MONTHS
DATE_LINE_WEEKDAYS = {name: n for n, name in enumerate(WEEKDAY_NAMES)} | WEEKDAY_ABBREVIATIONS
STAMP_WORDS = frozenset({"updated", "published", "posted"})
DATE_LINE_FILLER = frozenset({"of", "the", "at", "on", "a", "am", "pm", "h", "hrs", "utc", "gmt",
                              "cet", "cest", "est", "edt", "pst", "pdt"}) | STAMP_WORDS


# words that open a new clause after a comma or between two statements: the clause
# splitters of consolidate (slots: the clause around a value; align: a sentence's
# statements) cut before them
CONTRAST_CONJUNCTIONS = ("but", "while", "whereas", "although")
CLAUSE_OPENERS = CONTRAST_CONJUNCTIONS + ("and", "as well as", "just", "after", "before", "amid",
                                          "since")
# first words of a phrase that sets the scene before a sentence's subject ("At the hearing,
# Lind ...", "In a speech on Friday, Berg ...")
SCENE_OPENERS = frozenset({
    "at", "in", "on", "after", "during", "earlier", "later", "last", "this", "then", "meanwhile",
    "however", "but", "and", "also", "still", "yet", "so", "asked", "before", "since", "when",
    "while", "by", "for", "from", "with", "without", "under", "over", "once", "now", "today",
    "yesterday", "separately", "instead", "afterward", "afterwards", "speaking", "writing",
    "addressing", "responding", "appearing", "throughout", "across", "inside", "outside",
})

def __getattr__(name: str):
    """`STOP_WORDS`: scikit-learn's English stop words (the list the overlap and salience
    measures were chosen with), imported only when a module asks for them."""
    if name == "STOP_WORDS":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return ENGLISH_STOP_WORDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
