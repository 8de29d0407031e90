"""English words the stages read."""
from __future__ import annotations

# lower case, in calendar order (January = 1)
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
# the abbreviations news writes for each month ("Jan. 10", "Sept. 3"); May has none
MONTH_ABBREVIATIONS = (("jan",), ("feb",), ("mar",), ("apr",), (), ("jun",), ("jul",),
                       ("aug",), ("sep", "sept"), ("oct",), ("nov",), ("dec",))
# lower case, in ISO order (Monday = 0, as datetime.date.weekday())
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
