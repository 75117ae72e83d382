"""Fields from page text and layout: holder, course, code, ids (the provider
is read in extractors/providers.py).

Each field is read the ways a person reads it, strongest first: a label with
its value; the sentence a certificate is written in ("This certifies that ...
has successfully completed ..."); and the layout (the biggest name-shaped line,
the most prominent title-shaped line). Every value keeps where it was found.
The holder is read in extractors/holder.py, codes and ids in
extractors/codes.py; this module reads the course title.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from statistics import median

from extractors import codes
from extractors import vocabulary as vocab
from extractors.card_title import card_course
from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.holder import SIZE_ONLY, holder_name, is_signer
from extractors.kind_words import CREDIT_AMOUNT, LIFE_SUPPORT, folded, has, score
from extractors.labels import LabeledValue, above, below, best_labeled, label_strength
from extractors.names import clean_value, looks_like_person, names_an_org, states_a_role
from extractors.textindex import LineRef, Located, TextIndex, lines_after, locate_lines
from extractors.title_shape import HEADING, is_title, names_the_holder
from extractors.vocabulary import HOUR_UNITS

__all__ = ["SIZE_ONLY", "certificate_id", "course_code", "course_title", "holder_name"]

_COURSE_ANCHOR = re.compile(
    r"(?:(?:has|have)\s+)?(?:successfully\s+)?"
    r"(?:completed|attended|participated\s+in|finished|(?<=has\s)passed|(?<=have\s)passed)"
    r"(?!\s+(?:by|from|during)\b)"
    r"(?:\s+(?-i:the))?(?:\s+(?:required|following|online))?"
    r"(?:\s+(?:course|program(?:me)?|workshop|training|seminar|class|module|requirements\s+for)s?)?"
    r"(?:\s+(?:entitled|titled|named|of|on)\b)?[ \t]*:?"
    r"|(?:for|on|upon|of)\s+(?:(?:your|the)\s+)?(?:successful(?:ly)?\s+)?completi(?:ng|on\s+of)"
    r"(?:\s+the)?"
    r"(?:\s+(?:course|program(?:me)?|training(?:\s+program(?:me)?)?)"
    r"(?:\s+(?:on|in|of)\b)?)?[ \t]*:?"
    r"|completion\s+of(?:\s+the)?(?:\s+course)?|the\s+certificate\s+of"
    r"|(?:receiv|award|grant|earn|confer(?:r)?)(?:ed|ing)\s+(?:the\s+)?(?:professional\s+)?"
    r"(?:designation|title|credential)\s+(?:of|as)\b"
    r"|\ba\s+(?:suivi|particip[ée]\s+[àa]|r[ée]ussi)(?:\s+avec\s+(?:succ[èe]s|assiduit[ée]))?"
    r"(?:\s+(?:la|le|l'|au|à\s+la|aux))?\s*(?:formation|cours|stage|module|session|atelier"
    r"|webinaire|s[ée]minaire)?(?:\s+(?:de|d'|sur|intitul[ée]e?))?"
    r"|(?:pour\s+avoir\s+)?compl[ée]t[ée]\b(?:\s+avec\s+succ[èe]s)?"
    r"(?:\s+(?:la\s+formation|le\s+cours))?"
    r"|du\s+cours(?:\s+en\s+ligne)?"
    r"|(?:ha\s+|haber\s+)?(?:completado|aprobado|cursado|asistido|participado|realizado"
    r"|concluido|finalizado|terminado)"
    r"(?:\s+con\s+[ée]xito)?"
    r"(?:\s+(?:el|al|en\s+el|la|a\s+la|en\s+la)\b)?"
    r"(?:[\s+¿¡*•·]+(?:curso|formaci[óo]n|programa|taller|diplomado))?"
    r"(?:\s+(?:a\s+distancia|en\s+l[íi]nea|virtual|online|presencial))?(?:\s+(?:de|sobre|en)\b)?"
    r"|(?:ha\s+)?(?:partecipato|frequentato|superato|completato|seguito)"
    r"(?:\s+con\s+(?:esito\s+positivo|successo|profitto))?"
    r"(?:\s+(?:al|il|la|allo|alla|all'|ai)\s*(?:corso|evento|seminario|webinar|convegno)?)?"
    r"(?:\s+(?:di\s+formazione|dal\s+titolo|intitolato|di)\b)?"
    r"|(?:concluiu|participou|frequentou|completou|cursou)(?:\s+com\s+[êe]xito)?"
    r"(?:\s+(?:o|a|do|da|no|na)\s+(?:curso|evento|palestra|oficina|treinamento|workshop))?"
    r"(?:\s+(?:de|em|sobre))?"
    r"|telah\s+(?:menyelesaikan|mengikuti)(?:\s+(?:pelatihan|kursus|program))?",
    re.IGNORECASE,
)
_COURSE_STOP = re.compile(
    r"\s+(?:on|(?-i:with(?=\s+[a-z\d]))|and\s+(?:is|has|was|earned|received|passed)|"
    r"earning|awarded|for a total|"
    r"totaling|worth|approved for|offered by|presented by|provided by|conducted|held|"
    r"from|during|a\s+(?:four|\d)|(?:le|el|il|em|am|pada)\s+\d"
    r"|(?:on\s+the|el|le|il|no|am)\s+(?:day|d[ií]a|jour|giorno|tag)\b)\b.*$"
    rf"|\s*[,(]?\s*\d+(?:[.,]\d+)?\s*(?:ceus?|cecs?|contact|{HOUR_UNITS}|credits?|"
    r"ects|weeks?).*$"
    # a clause after a comma that says how, when or where ("..., con una duración de")
    r"|,\s+(?:con|with|avec|com|mit|met|dengan|per|pour|para|por|during|durante|held|realizad[oa]"
    r"|celebrad[oa]|tenut[oa]|svolt[oa]|organi[sz]ed|organizad[oa]|organizzat[oa])\b.*$",
    re.IGNORECASE,
)
# A title's last word that leaves it unfinished: the title wraps onto the next line.
_DANGLING = re.compile(r"\b(?:in|of|and|&|for|to|the|a|an|de|du|des|et|en|la|le|y|el|-|:)$", re.I)
_LEADS_ON = re.compile(r"\b(?:on|in|of|entitled|titled|named|about|sur|sobre|su|über)\s*:?$", re.I)
_GENERIC_COURSE_WORD = re.compile(
    rf"the|this|following|training|trainings|{vocab.COURSE_NOUNS}|online|entitled|titled",
    re.IGNORECASE,
)
# A label read with its value: "Certificate: Basic Life Support", "Course Title: ...".
_GLUED_LABEL = re.compile(
    rf"^(?:{vocab.CERTIFICATE_WORDS}|{vocab.COURSE_NOUNS}|title)(?:\s+(?:title|name))?\s*:\s*(?=\S)",
    re.IGNORECASE,
)
# How long the course ran, said before its name: "completed half day CPR training".
_LENGTH_FIRST = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:half|one|two|three|four|five|six|full|\d+(?:[.,]\d+)?)"
    r"[\s-]*(?:day|hour|hr|week|month)s?\s+(?=\S)",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(r"(?:\s+(?:le|el|on|the|in|of|de|du|and|et|y|at))+\s*[.,:;]?$", re.I)
# A noun before a bare "completed" makes it a label: "Course hours completed".
_LABEL_BEFORE_VERB = re.compile(
    r"\b(?:hours?|date|modules?|units?|lessons?|courses?|credits?|items?)\s*$", re.IGNORECASE
)
# The words introducing the course end with a colon: "the following CITI Program course:".
_INTRO_TO_COURSE = re.compile(
    r"^[^:]{0,60}\b(?:course|program(?:me)?|training|module|workshop|session)s?\s*:$",
    re.IGNORECASE,
)
# A caption in brackets under a form's value, and captions that name the course.
_CAPTION = re.compile(r"^\((?P<caption>[^()]+)\)$")
_COURSE_CAPTION = re.compile(
    r"\b(?:course|program(?:me)?|module|training|title|activity|session|workshop)\b",
    re.IGNORECASE,
)
# A title the sentence quotes: "completed the e-learning 'Water Safety Basics'".
_QUOTED = re.compile(r"[\"'“‘«„]\s*(?P<title>[^\"'“”‘’«»„\n]{4,120}?)\s*[\"'”’»“]")
# A full stop and a new sentence inside: prose running on, not a title ("programme. Erasmus+").
_TWO_SENTENCES = re.compile(r"[a-z]{3}\.\s+[A-Z][a-z]")
# The caption of a signature line ("Authorized signature", "Signature of the Director").
_SIGNATURE_CAPTION = re.compile(r"\b(?:signature|signed|firma|signatur)\b", re.IGNORECASE)
# What gathers sessions under one name: a program, a series, a conference ("attended the
# Annual Rehabilitation Conference" over the session's title), in the corpus's languages.
_SERIES = re.compile(
    r"\b(?:program(?:me|a)?|series|curriculum|grand rounds|conference|symposium|simposio"
    r"|congress|congreso|congresso|congr[eè]s|kongress|konferenz|convegno|summit"
    r"|annual meeting|convention|jornadas?)\b",
    re.IGNORECASE,
)
# A prominent title is a few words, not a paragraph set as large as the body.
_TITLE_WORDS = 14
# A label with a number or code after it ("Code: YM07B7SJ", "Record ID: 4471"): a field.
_LABEL_AND_CODE = re.compile(r"^[^\W\d_][\w .#'-]{0,25}:\s*\S*\d\S*$")
_COMPLETED = re.compile(r"\b(?:completed|attended|participated|finished)\b", re.IGNORECASE)
_COMPLETED_BY = re.compile(r"\bcompleted\s+by\b", re.IGNORECASE)


def course_title(
    index: TextIndex,
    labeled: list[LabeledValue],
    is_card: bool,
    *,
    legible_at: float,
    holder: Found | None,
) -> Found | None:
    """The course, strongest reading first; a title found by its size alone
    must be read with a median OCR confidence of ``legible_at`` or more. The
    holder's name, where it was read, is never the course."""
    for value in best_labeled(labeled, "course_title"):
        text = _trim_course(value.value.text)
        if is_title(text) and not _is_holder(value.value, text, holder):
            return found(text, value.value, label_strength(value), f"label '{value.label}'")
    if is_card:  # a card's course line, else the CPR course its certificate's sentence names
        named = card_course(index) or _course_from_prose(index)
        about_cpr = named is not None and score(folded(str(named.value)), LIFE_SUPPORT)[0] > 0
        return named if about_cpr else None
    readers = (
        _course_from_prose,
        _title_above_completed_by,
        _title_under_heading,
        lambda index: _prominent_title(index, legible_at, holder),
    )
    for reader in readers:
        title = reader(index)
        if title is not None and not _is_holder(title.located, str(title.value), holder):
            return _without_holder(title, holder)
    return None


def _without_holder(title: Found, holder: Found | None) -> Found:
    """A title joined with the holder's name printed under or over it loses the name."""
    if holder is None or holder.reason == SIZE_ONLY:
        return title
    text, name = str(title.value), str(holder.value)
    if len(text) > len(name) and (text.endswith(name) or text.startswith(name)):
        rest = text.removesuffix(name) if text.endswith(name) else text.removeprefix(name)
        return replace(title, value=rest.strip(" ,-–—:"))
    return title


def _is_holder(located: Located | None, text: str, holder: Found | None) -> bool:
    """The holder's name read again as a title: the same text, or half of the title's
    words are the holder's words on the page. A holder guessed from its size alone
    gives way to the title."""
    if holder is None or holder.reason == SIZE_ONLY:
        return False
    if text == str(holder.value):
        return True
    there = holder.located
    if located is None or there is None or located.page != there.page or not located.words:
        return False
    theirs = {word.box for word in there.words}
    shared = sum(word.box in theirs for word in located.words)
    return shared * 2 >= len(located.words)


def course_code(
    index: TextIndex, labeled: list[LabeledValue], title: Found | None, *, is_card: bool
) -> Found | None:
    """A card's course code is labelled or printed at the head of its title;
    a certificate's may also be an accreditation body's course number."""
    return codes.course_code(index, labeled, title, labelled_only=is_card)


def certificate_id(
    index: TextIndex, labeled: list[LabeledValue], course_code_text: str | None
) -> Found | None:
    return codes.certificate_id(index, labeled, course_code_text)


def _trim_course(text: str) -> str:
    text = _GLUED_LABEL.sub("", clean_value(text))
    text = _LENGTH_FIRST.sub("", _COURSE_STOP.sub("", text))
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = re.sub(r"(?<=[a-z]{2})\.$", "", clean_value(text))  # the sentence's full stop
    return clean_value(_TRAILING_FILLER.sub("", text))


def _skip_and(text: str, position: int) -> int:
    conjunction = re.compile(r"\s*(?:and|&)?\s*", re.IGNORECASE).match(text, position)
    return conjunction.end() if conjunction else position


def _course_from_prose(index: TextIndex) -> Found | None:
    for match in _COURSE_ANCHOR.finditer(index.text):
        after = match.end()
        while chained := _COURSE_ANCHOR.match(index.text, _skip_and(index.text, after)):
            if chained.end() <= after:
                break
            after = chained.end()
        line = index.line_at(after)
        if line is None or _states_a_label(index, match) or _dates_it(index, after, line):
            continue
        anchor = " ".join(match.group(0).split())
        intro_end = _intro_ends_on(index, line, after)
        if intro_end is not None:
            title = _title_below(index, intro_end)
        else:
            title = (
                _title_on_sentence_line(index, line, after, anchor)
                or _title_below(index, line)
                or _line_the_sentence_leads_to(index, line)
            )
        if title is not None:
            return title
    return None


def _dates_it(index: TextIndex, after: int, line: LineRef) -> bool:
    """'Completed Mar 14, 2025': the verb labels the date after it, no course follows."""
    rest = index.text[after : line.end]
    dates = find_dates(rest)
    return bool(dates) and not rest[: dates[0].start].strip(" :,-")


def _only_course_words(text: str) -> bool:
    """'The Training Course For' (its last word misread): words that say a course follows,
    and nothing that names it."""
    words = re.findall(r"[^\W\d_]+", text)
    naming = [w for w in words if len(w) > 3 and not _GENERIC_COURSE_WORD.fullmatch(w)]
    return bool(words) and not naming


def _line_the_sentence_leads_to(index: TextIndex, line: LineRef) -> Found | None:
    """A sentence that stops on "on", "in" or "of" ("has attended the one day training
    on") goes on with the course on the next line, whatever words it is made of
    ("INTRODUCTION TO IBM CLOUD SERVICES")."""
    if not _LEADS_ON.search(clean_value(line.line.text)):
        return None
    nxt = next(lines_after(index, line, 1), None)
    if nxt is None:
        return None
    text = clean_value(nxt.line.text)
    if not is_title(text) or looks_like_person(text) or find_dates(text) or is_signer(index, nxt):
        return None
    return found(text, index.locate_line(nxt), 0.75, "the line the completion sentence leads to")


def _states_a_label(index: TextIndex, match: re.Match[str]) -> bool:
    """A bare "completed" after a noun labels a field ("Course hours completed",
    "Date Completed"); the certificate's sentence says who completed."""
    if re.match(r"(?:has|have|successfully)\b", match.group(0), re.IGNORECASE):
        return False
    line = index.line_at(match.start())
    before = index.text[line.start : match.start()] if line is not None else ""
    return bool(_LABEL_BEFORE_VERB.search(before))


def _intro_ends_on(index: TextIndex, line: LineRef, after: int) -> LineRef | None:
    """The line where the sentence introducing the course ends with a colon
    ("has completed the following CITI Program / course:"): the course is
    below it, and the words before the colon are not the course."""
    rest = " ".join(index.text[after : line.end].split())
    if _INTRO_TO_COURSE.match(rest):
        return line
    nxt = next(lines_after(index, line, 1), None)
    if nxt is None or len(nxt.line.words) > 2 or rest.endswith(":"):
        return None
    return nxt if _INTRO_TO_COURSE.match(f"{rest} {nxt.line.text.strip()}") else None


def _title_on_sentence_line(
    index: TextIndex, line: LineRef, after: int, anchor: str
) -> Found | None:
    """The title after the sentence's verb, and its continuation on the next
    line when the sentence wraps in the middle of it."""
    raw = index.text[after : line.end]
    quoted = _QUOTED.search(raw)
    if quoted is not None and is_title(quoted.group("title")):
        start = after + quoted.start("title")
        located = index.locate(start, after + quoted.end("title"))
        return found(quoted.group("title"), located, 0.85, f"quoted after '{anchor}'")
    rest = _trim_course(raw)
    if not rest:
        return None
    taken = [line]
    cut = _ends_sentence(clean_value(raw))
    nxt = next(lines_after(index, line, 1), None)
    if nxt is not None and not cut and _continues(line, nxt):
        joined = _trim_course(f"{clean_value(raw)} {nxt.line.text}")
        if len(joined) > len(rest) and (_wraps_mid_title(clean_value(raw)) or len(rest) < 12):
            rest, taken = joined, [line, nxt]
    if not is_title(rest) or _TWO_SENTENCES.search(rest) or _only_course_words(rest):
        return None
    rest = codes.strip_leading_code(rest)
    start = index.text.find(rest.split()[0], after)
    located = index.locate(start, taken[-1].end) if start >= 0 else None
    return found(rest, located or locate_lines(taken), 0.85, f"after '{anchor}'")


def _wraps_mid_title(raw: str) -> bool:
    """The line stops on a word that leaves the title unfinished ("Safety and"), not
    on one opening a clause after a comma ("Level, in its 3.1 version")."""
    return bool(_DANGLING.search(raw)) and not re.search(r",\s*\w+$", raw)


def _title_below(index: TextIndex, line: LineRef) -> Found | None:
    """The first title-shaped line of the three under the sentence (OCR may
    put a speck or a seal's letters between them)."""
    following = [
        ref
        for ref in lines_after(index, line, 3)
        if not _someone_else(index, ref) and not _captioned_otherwise(index, ref)
    ]
    for start in range(len(following)):
        title = _join_wrapped(following[start:])
        if title is not None:
            return _session_of(title, following[start + 1 :]) or title
    return None


def _captioned_otherwise(index: TextIndex, ref: LineRef) -> bool:
    """A bracketed caption line, or a value over a caption naming something
    other than the course ("Information Privacy" over "(Curriculum Group)")."""
    if _CAPTION.match(clean_value(ref.line.text)):
        return True
    beneath = below(index, ref)
    caption = _CAPTION.match(clean_value(beneath.line.text)) if beneath is not None else None
    return caption is not None and not _COURSE_CAPTION.search(caption.group("caption"))


def _session_of(program: Found, rest: list[LineRef]) -> Found | None:
    """Under the name of a program, series or conference, the session attended is the
    course ("Spring Sports Medicine Symposium 2025" over "Return to Running after
    Knee Surgery"): the event gathers many sessions, the certificate is for one."""
    if program.located is None or not _SERIES.search(str(program.value)):
        return None
    under = [ref for ref in rest if ref.line.box.y0 >= program.located.box.y1]
    session = _join_wrapped(under) if under else None
    if session is None or len(str(session.value).split()) < 3:
        return None
    return found(session.value, session.located, 0.7, "session title under the program's name")


def _someone_else(index: TextIndex, ref: LineRef) -> bool:
    """A signer's name or signature line, a role or an organisation's name, or the rest of one
    begun on the line above ("... organized by Society of" over
    "Anesthesiologists of Nepal"): not the course."""
    text = clean_value(ref.line.text)
    over = above(index, ref)
    over_text = clean_value(over.line.text) if over is not None else ""
    goes_on = bool(_DANGLING.search(over_text)) and (
        states_a_role(over_text) or names_an_org(" ".join(over_text.split()[-3:]))
    )
    if goes_on or _SIGNATURE_CAPTION.search(text) or is_signer(index, ref):
        return True
    return states_a_role(text) or names_an_org(text)


def _join_wrapped(lines: list[LineRef]) -> Found | None:
    """A title on the next line, and its continuation when it wraps."""
    raw = clean_value(lines[0].line.text)
    text = _trim_course(raw)
    if not is_title(text) or _reads_as_prose(text) or _TWO_SENTENCES.search(text):
        return None
    taken = lines[:1]
    for previous, line in itertools.pairwise(lines):
        if _ends_sentence(raw) or not _continues(previous, line):
            break
        following = clean_value(line.line.text)
        if not _may_follow(raw, following) or _goes_elsewhere(following):
            break
        if following.casefold().startswith(text.casefold()):
            raw, taken = following, [line]  # the title printed again, in full
        else:
            raw, taken = f"{raw} {following}", [*taken, line]
        longer = _trim_course(raw)
        if len(longer) <= len(text) and len(taken) > 1:
            taken.pop()
            break
        text = longer
    text = codes.strip_leading_code(text)
    return found(text, locate_lines(taken), 0.82, "line after the completion sentence")


_SENTENCE_CASE_WORDS = 10  # a capitalised line of fewer words may be a title in sentence case
_CONNECTOR_START = re.compile(r"^(?:of|and|in|on|to|with|de|du|des|et|en|y|la|le|el|del|&)\b", re.I)


def _may_follow(raw: str, following: str) -> bool:
    """A title's next line starts with a capital or a connecting word, or the
    line before left it unfinished; lower case otherwise goes on with a sentence."""
    first = following[:1]
    return (
        not first.islower()
        or bool(_CONNECTOR_START.match(following))
        or bool(_DANGLING.search(raw))
    )


def _goes_elsewhere(following: str) -> bool:
    """A caption, the words about the holder, the completion sentence or a line
    that gives a date ("Del 1 de Septiembre del 2015 al ...", a decree "del 21
    Dicembre 2011" the course is held under): the line after a title that does
    not continue it, nor a label with its number. A title names a subject; its dates
    and credits are printed apart."""
    return bool(
        _CAPTION.match(following)
        or names_the_holder(following)
        or _COMPLETED.search(following)
        or find_dates(following)
        or _LABEL_AND_CODE.match(following)  # "Continuing Education Units: 0.8"
        or has(folded(following), CREDIT_AMOUNT)  # "0.2 ACE CECs"
    )


def _reads_as_prose(text: str) -> bool:
    """Mostly lower-case words, connecting words aside: a sentence, not a title.
    A short line that starts with a capital is a title in sentence case, as
    Italian, Portuguese, French or Spanish titles are written."""
    every = re.findall(r"[^\W\d_][\w'’-]*", text)
    words = [w for w in every if not _CONNECTOR_START.match(w)]
    lower = [w for w in words if w[0].islower()]
    sentence_case = bool(every) and every[0][0].isupper() and len(every) < _SENTENCE_CASE_WORDS
    return len(words) >= 4 and len(lower) > 0.7 * len(words) and not sentence_case


def _ends_sentence(raw: str) -> bool:
    """The title has ended: a stop word, a date or a full stop came after it."""
    return bool(_COURSE_STOP.search(raw) or find_dates(raw)) or raw.endswith(".")


def _continues(first: LineRef, second: LineRef) -> bool:
    a, b = first.line.box, second.line.box
    same_size = abs(a.height - b.height) < 0.3 * a.height
    next_row = b.y0 >= a.y1 - 0.3 * a.height and b.y0 - a.y1 < 1.0 * a.height
    same_row_after = abs(b.y0 - a.y0) < 0.5 * a.height and 0 <= b.x0 - a.x1 < 0.1
    return first.page == second.page and same_size and (next_row or same_row_after)


def _title_above_completed_by(index: TextIndex) -> Found | None:
    """A title standing above "Course completed by JANE DOE"."""
    for position, ref in enumerate(index.lines):
        if position == 0 or not _COMPLETED_BY.search(ref.line.text):
            continue
        title_line = index.lines[position - 1]
        text = _trim_course(title_line.line.text)
        if title_line.page == ref.page and is_title(text):
            return found(text, index.locate_line(title_line), 0.8, "title above 'completed by'")
    return None


def _prominent_title(index: TextIndex, legible_at: float, holder: Found | None) -> Found | None:
    """The largest title-shaped line of the first page that stands out from the
    body text: not a heading, a name, an organisation, a date or a sentence."""
    first_page = [ref for ref in index.lines if ref.page == 0]
    if not first_page:
        return None
    body = median(ref.line.box.height for ref in first_page)
    holder_text = str(holder.value) if holder is not None else ""
    there = holder.located if holder is not None and holder.reason != SIZE_ONLY else None
    candidates = [
        ref
        for ref in first_page
        if ref.line.box.height >= body
        and median(w.confidence for w in ref.line.words) >= legible_at
        and _could_be_title(index, ref, holder_text)
        and not (there is not None and there.page == 0 and ref.line.box.overlaps(there.box))
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda ref: ref.line.box.height)
    wrapped = _join_wrapped(_above_the_name(_column_from(index, best, 3), holder))
    if wrapped is None or len(str(wrapped.value).split()) > _TITLE_WORDS:
        return None  # a paragraph set as large as the rest, not a title
    return found(wrapped.value, wrapped.located, 0.5, "most prominent title-shaped line")


def _above_the_name(column: list[LineRef], holder: Found | None) -> list[LineRef]:
    """The lines of a title's column down to the holder's name: a title never wraps
    into the name set under it, even one found by its size alone."""
    named = holder.located if holder is not None else None
    if named is None:
        return column
    kept = []
    for ref in column:
        if ref.page == named.page and ref.line.box.overlaps(named.box):
            break
        kept.append(ref)
    return kept or column[:1]


def _column_from(index: TextIndex, first: LineRef, count: int) -> list[LineRef]:
    """``first`` and the lines set under it in its column, where a title wraps
    (a sidebar read in between is not its continuation)."""
    column = [first]
    while len(column) < count and (nxt := below(index, column[-1])) is not None:
        column.append(nxt)
    return column


def _title_under_heading(index: TextIndex) -> Found | None:
    """The line set right under the paper's heading ("Certificate of
    Completion" over "Child Abuse & Neglect Mandated Reporter Training"),
    when it is neither the holder nor the issuer."""
    for ref in index.lines:
        if ref.page != 0 or not HEADING.search(clean_value(ref.line.text)):
            continue
        under = below(index, ref)
        if under is None or looks_like_person(under.line.text) or _someone_else(index, under):
            continue
        title = _join_wrapped(_column_from(index, under, 3))
        if title is not None:
            return found(title.value, title.located, 0.7, "line under the certificate's heading")
    return None


def _could_be_title(index: TextIndex, ref: LineRef, holder_text: str) -> bool:
    text = clean_value(ref.line.text)
    return (
        is_title(text)
        and not names_an_org(_trim_course(text))
        and 2 <= len(text.split()) <= _TITLE_WORDS
        and not text.endswith(".")
        and not (holder_text and (holder_text in text or text in holder_text))
        and not (not holder_text and looks_like_person(text))
        and not find_dates(text)
        and not _LABEL_AND_CODE.match(text)
        and not re.search(r"https?:|www\.|@|\.com\b", text, re.IGNORECASE)
        and not _someone_else(index, ref)
    )
