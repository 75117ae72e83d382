"""Day first or month first: decided once per document, from the document.

"11/06/2024" is the 11th of June in Sydney and the 6th of November in Chicago.
A reader settles it from the page itself, in this order of weight:

1. an all-numeric date that can only be read one way ("25/07/2023" or
   "07/25/2023"): a document keeps one order throughout;
2. a renewal or expiry printed as the issue date plus whole years or months
   ("11/06/2024" ... "10/06/2027" is three years less a day only day first);
3. where the issuer is: a country, an international phone prefix, a postal
   address, a currency code, a web address under a country's domain; British
   spelling alone only tilts the default;
4. the language the page is written in: every language other than English
   that pages are read in here is written day first where it is spoken.

Without any of these, the US order stays the default and the decision says
it was assumed, so every date it decides loses confidence.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from extractors import scripts
from extractors.dates import NUMERIC, numeric_readings

_DAY_FIRST_PLACES = re.compile(
    r"(?i:\b(?:australia|new zealand|united kingdom|(?<!new )england|scotland|wales|ireland|"
    r"india|pakistan|bangladesh|nepal|sri lanka|kenya|nigeria|ghana|uganda|tanzania|rwanda|"
    r"zambia|zimbabwe|south africa|egypt|saudi arabia|emirates|qatar|singapore|malaysia|"
    r"indonesia|trinidad|barbados|france|belgique|belgium|españa|spain|portugal|brasil|brazil|"
    r"argentina|(?<!new )m[eé]xico|colombia|per[uú]|italia|italy|deutschland|germany|nederland|"
    r"netherlands|suisse|switzerland|maroc|morocco|tunisie|alg[ée]rie)\b)"
    r"|\+(?:44|61|64|353|91|92|94|880|977|254|234|233|256|255|27|20|966|971|65|60|62|"
    r"33|34|351|55|52|39|49|31|41|212|216|213)\b"
    r"|\b(?:NSW|VIC|QLD|TAS|ACT)\s+\d{4}\b"  # Australian state and postcode
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"  # UK postcode
    r"|\b(?:AUD|NZD|GBP|EUR|INR|KES|NGN|ZAR)\b"  # not the symbols: OCR makes them of noise
    # a web or mail address under a day-first country's domain ("centro.it", "x.com.br")
    r"|\b[a-z0-9-]+(?:\.(?:com|co|org|edu|ac|gov|net))?\.(?:uk|au|nz|ie|in|pk|np|ke|ng|za|"
    r"sg|my|id|fr|be|es|pt|br|ar|mx|it|de|nl|ch|at)(?![\w.])",
)
_MONTH_FIRST_PLACES = re.compile(
    r"(?i:\b(?:united states|u\.s\.a\.?|usa)\b)"
    r"|,\s*(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|"
    r"RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\s+\d{5}(?:-\d{4})?\b",  # city, state and ZIP code
)
# Spelling hints at a Commonwealth issuer but does not settle the order alone.
_BRITISH_SPELLING = re.compile(
    r"\b(?:recognised|organisation|organised|authorised|licence|programme|centre)\b", re.I
)
_WHOLE_SPANS_YEARS = range(1, 6)


@dataclass(frozen=True, slots=True)
class DateOrder:
    day_first: bool
    decided: bool  # False: nothing on the page decides it, the default was assumed
    reason: str


def date_order(text: str) -> DateOrder:
    """The order of all-numeric dates on this document, with the evidence for it."""
    votes = _unambiguous_votes(text)
    if votes[True] != votes[False]:
        day_first = votes[True] > votes[False]
        return DateOrder(day_first, True, f"{_name(day_first)}: other dates on the page")
    span = _whole_span_order(text)
    if span is not None:
        return DateOrder(span, True, f"{_name(span)}: renewal a whole number of years on")
    place = _place_order(text)
    if place is not None:
        return place
    language = scripts.second_language(text, scripts.DAY_FIRST_LANGUAGES)
    if language is not None:
        return DateOrder(True, True, f"day first: the page is written in {language}")
    return DateOrder(False, False, "month first assumed: nothing on the page decides it")


def _name(day_first: bool) -> str:
    return "day first" if day_first else "month first"


def _numeric_readings(text: str) -> list[dict[bool, dt.date | None]]:
    return [
        numeric_readings(m.group("a"), m.group("b"), m.group("y")) for m in NUMERIC.finditer(text)
    ]


def _unambiguous_votes(text: str) -> dict[bool, int]:
    votes = {True: 0, False: 0}
    for readings in _numeric_readings(text):
        possible = [order for order, value in readings.items() if value is not None]
        if len(possible) == 1:
            votes[possible[0]] += 1
    return votes


def _whole_span_order(text: str) -> bool | None:
    """The order under which two dates lie whole years (less a day at most) apart."""
    readings = [r for r in _numeric_readings(text) if r[True] != r[False]]
    fits = {True: False, False: False}
    for first, second in itertools.combinations(readings, 2):
        for day_first in (True, False):
            a, b = first[day_first], second[day_first]
            if a is not None and b is not None and _whole_years_apart(min(a, b), max(a, b)):
                fits[day_first] = True
    if fits[True] != fits[False]:
        return fits[True]
    return None


def _whole_years_apart(earlier: dt.date, later: dt.date) -> bool:
    for years in _WHOLE_SPANS_YEARS:
        try:
            same_day = earlier.replace(year=earlier.year + years)
        except ValueError:
            same_day = earlier.replace(year=earlier.year + years, day=28)
        if abs((later - same_day).days) <= 1:
            return True
    return False


def _place_order(text: str) -> DateOrder | None:
    day_first = len(_DAY_FIRST_PLACES.findall(text))
    month_first = len(_MONTH_FIRST_PLACES.findall(text))
    if day_first != month_first:
        chosen = day_first > month_first
        return DateOrder(chosen, True, f"{_name(chosen)}: where the issuer is")
    if not day_first and _BRITISH_SPELLING.search(text):
        return DateOrder(True, False, "day first assumed from British spelling alone")
    return None
