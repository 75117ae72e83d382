"""Lay card faces out as files: wallet-size single faces, or both faces on a page."""

from __future__ import annotations

from dataclasses import fields as dc_fields

from samples.gen.cardparts import CARD_H, CARD_W, Face, FaceDrawer
from samples.gen.cards_aha import aha_ecard_page
from samples.gen.draw import Rendered, Sheet
from samples.gen.model import CardData, DocTruth, Fields, card_flags


def merge_faces(front: Face, back: Face) -> Face:
    """What a file showing both faces prints: front values first, back fills gaps."""
    values = {
        f.name: getattr(front.fields, f.name)
        if getattr(front.fields, f.name) is not None
        else getattr(back.fields, f.name)
        for f in dc_fields(Fields)
    }
    return Face(
        Fields(**values),
        front.shows_dates or back.shows_dates,
        front.shows_course or back.shows_course,
        front.states_online or back.states_online,
        front.states_skills or back.states_skills,
    )


def card_truth(d: CardData, side: str, face: Face, key: str) -> DocTruth:
    flags = card_flags(d, face.shows_dates, face.shows_course, face.states_online)
    hands_on = d.hands_on if face.states_skills else None
    return DocTruth(key, d.design, "cpr_aed_card", side, face.fields, hands_on, None, flags)


def wallet(d: CardData, drawer: FaceDrawer, side: str) -> tuple[Rendered, DocTruth]:
    """One face on a wallet-size page."""
    s = Sheet(CARD_W, CARD_H, f"{d.issuer} card {side}")
    face = drawer(s, d)
    return s.finish(), card_truth(d, side, face, f"{d.key}-{side}")


def both_on_page(
    d: CardData, front: FaceDrawer, back: FaceDrawer, scale: float
) -> tuple[Rendered, DocTruth]:
    """Both faces on one letter page, as a photocopy of the card's two sides."""
    s = Sheet(612, 792, f"{d.issuer} card")
    w = CARD_W * scale
    left = (612 - w) / 2
    with s.region(left, 72, scale, CARD_H):
        f = front(s, d)
    with s.region(left, 72 + CARD_H * scale + 40, scale, CARD_H):
        b = back(s, d)
    return s.finish(), card_truth(d, "both", merge_faces(f, b), f"{d.key}-both")


def certificate_page(d: CardData, drawer: FaceDrawer) -> tuple[Rendered, DocTruth]:
    """A full-page, single-sided card certificate that carries what both faces would."""
    s = Sheet(792, 612, f"{d.issuer} certificate")
    face = drawer(s, d)
    return s.finish(), card_truth(d, "both", face, f"{d.key}-page")


def ecard_printout(d: CardData) -> tuple[Rendered, DocTruth]:
    s = Sheet(612, 792, "eCard")
    f, b = aha_ecard_page(s, d)
    return s.finish(), card_truth(d, "both", merge_faces(f, b), f"{d.key}-both")
