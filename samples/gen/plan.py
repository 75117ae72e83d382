"""Which documents are drawn and in which capture variants each one is saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from samples.gen import cards_aha, cards_other, certs_a, certs_b, certs_c, unknown
from samples.gen.cardparts import FaceDrawer
from samples.gen.cardsheet import both_on_page, certificate_page, ecard_printout, wallet
from samples.gen.draw import Rendered
from samples.gen.model import CardData, CertData, DocTruth, cert_truth
from samples.gen.plan_cards import cards
from samples.gen.plan_certs import certificates


@dataclass(frozen=True)
class Planned:
    """A drawn document, its truth, and the captures to save it as."""

    truth: DocTruth
    rendered: Rendered
    captures: tuple[str, ...]
    small: bool  # a wallet-size card face (scanned on a bed, photographed closer)


DESIGNS: dict[str, Callable[[CertData], Rendered]] = {
    "prose_classic": certs_a.prose_classic,
    "university_diploma": certs_a.university_diploma,
    "multi_credit_banner": certs_a.multi_credit_banner,
    "badge_centered": certs_a.badge_centered,
    "ribbon_corner": certs_a.ribbon_corner,
    "label_block": certs_b.label_block,
    "table_grid": certs_b.table_grid,
    "stacked_boxes": certs_b.stacked_boxes,
    "transcript_two_page": certs_b.transcript_two_page,
    "modern_minimal": certs_b.modern_minimal,
    "two_column_sidebar": certs_c.two_column_sidebar,
    "workshop_range": certs_c.workshop_range,
    "online_platform": certs_c.online_platform,
    "letterhead_attendance": certs_c.letterhead_attendance,
    "dark_theme": certs_c.dark_theme,
    "accreditation_footer": certs_c.accreditation_footer,
}

# Capture names are "<variant>" or "<variant>:<option>"; see samples/generate.py.
CERT_CAPTURES: dict[str, tuple[str, ...]] = {
    "cert-prose-classic-01": ("digital", "scan_clean", "photo:jpg", "rotated:pdf90"),
    "cert-prose-classic-02": ("digital", "photo:exif6"),
    "cert-diploma-01": ("digital", "scan_degraded:pdf", "photo:jpg"),
    "cert-multi-credit-01": ("digital", "scan_clean", "photo:heic"),
    "cert-multi-credit-02": ("digital", "scan_degraded:png"),
    "cert-badge-01": ("digital", "photo:jpg", "rotated:img180"),
    "cert-badge-02": ("digital", "scan_clean"),
    "cert-ribbon-01": ("scan_degraded:tif", "photo:jpg"),
    "cert-ribbon-02": ("digital", "rotated:jpg270"),
    "cert-label-block-01": ("digital", "scan_clean", "scan_degraded:pdf", "photo:exif8"),
    "cert-label-block-02": ("digital", "photo:jpg"),
    "cert-table-01": ("digital", "scan_clean", "rotated:pdf270"),
    "cert-table-02": ("scan_degraded:pdf", "photo:jpg"),
    "cert-boxes-01": ("digital", "scan_degraded:png"),
    "cert-boxes-02": ("scan_clean", "rotated:img90"),
    "cert-transcript-01": ("digital", "scan_clean", "scan_degraded:pdf", "photo:jpg"),
    "cert-minimal-01": ("digital", "photo:jpg"),
    "cert-minimal-02": ("digital", "scan_clean"),
    "cert-sidebar-01": ("digital", "scan_degraded:pdf", "photo:exif6"),
    "cert-sidebar-02": ("digital", "rotated:pdf180"),
    "cert-workshop-01": ("digital", "scan_clean", "photo:jpg"),
    "cert-workshop-02": ("digital", "scan_degraded:pdf"),
    "cert-online-01": ("digital", "photo:jpg"),
    "cert-letter-01": ("digital", "scan_degraded:png", "rotated:img90"),
    "cert-dark-01": ("digital", "photo:jpg"),
    "cert-dark-02": ("digital", "scan_clean"),
    "cert-accredited-01": ("digital", "scan_clean", "photo:exif3"),
    "cert-accredited-02": ("digital", "scan_degraded:pdf"),
}

FRONTS: dict[str, FaceDrawer] = {
    "aha": cards_aha.aha_front,
    "arc": cards_other.arc_front,
    "ashi": cards_other.ashi_front,
    "nsc": cards_other.nsc_front,
    "web_vendor": cards_other.online_front,
}
BACKS: dict[str, FaceDrawer] = {
    "aha": cards_aha.aha_back,
    "arc": cards_other.arc_back,
    "ashi": cards_other.ashi_back,
    "nsc": cards_other.nsc_back,
}

# card key -> {layout: captures}; layouts: front, back (wallet size), both (two faces
# on a page), ecard (AHA printout page), page (a full-page card certificate).
CARD_CAPTURES: dict[str, dict[str, tuple[str, ...]]] = {
    "card-aha-bls-01": {
        "front": ("digital", "scan_clean", "photo:jpg"),
        "back": ("digital", "photo:jpg"),
    },
    "card-aha-heartsaver-01": {
        "front": ("scan_degraded:pdf", "photo:exif6"),
        "back": ("scan_degraded:pdf",),
    },
    "card-aha-bls-02": {"ecard": ("digital", "rotated:pdf90")},
    "card-aha-online-01": {"front": ("digital", "photo:jpg")},
    "card-arc-adult-01": {
        "front": ("digital", "scan_clean", "rotated:img270"),
        "back": ("digital", "scan_clean"),
    },
    "card-arc-adult-02": {"both": ("scan_clean", "photo:jpg")},
    "card-arc-adult-03": {"page": ("digital", "photo:exif6")},
    "card-arc-pediatric-01": {"front": ("digital", "scan_degraded:png")},
    "card-ashi-cpr-01": {"both": ("digital", "scan_degraded:pdf", "rotated:img180")},
    "card-ashi-firstaid-01": {"front": ("photo:heic",), "back": ("photo:jpg",)},
    "card-nsc-adult-01": {
        "front": ("digital", "scan_degraded:tif"),
        "back": ("scan_degraded:pdf", "rotated:jpg90"),
    },
    "card-nsc-online-01": {"front": ("scan_clean", "photo:jpg")},
    "card-webcpr-01": {"front": ("digital", "photo:exif8")},
}

UNKNOWN: dict[str, tuple[Callable[[str], tuple[Rendered, DocTruth]], tuple[str, ...]]] = {
    "other-invoice-01": (unknown.invoice, ("digital", "photo:jpg")),
    "other-letter-01": (unknown.letter, ("scan_clean", "scan_degraded:pdf")),
    "other-schedule-01": (unknown.class_schedule, ("digital", "rotated:img90")),
}


def _card_layouts(card: CardData) -> Iterator[Planned]:
    for layout, captures in CARD_CAPTURES[card.key].items():
        if layout == "ecard":
            rendered, truth = ecard_printout(card)
        elif layout == "page":
            rendered, truth = certificate_page(card, cards_other.arc_certificate_page)
        elif layout == "both":
            rendered, truth = both_on_page(card, FRONTS[card.design], BACKS[card.design], 1.35)
        else:
            drawer = FRONTS[card.design] if layout == "front" else BACKS[card.design]
            rendered, truth = wallet(card, drawer, layout)
        yield Planned(truth, rendered, captures, small=layout in ("front", "back"))


def documents() -> Iterator[Planned]:
    """Every document to save, in a fixed order."""
    for cert in certificates():
        yield Planned(cert_truth(cert), DESIGNS[cert.design](cert), CERT_CAPTURES[cert.key], False)
    for card in cards():
        yield from _card_layouts(card)
    for key, (draw, captures) in UNKNOWN.items():
        rendered, truth = draw(key)
        yield Planned(truth, rendered, captures, False)
