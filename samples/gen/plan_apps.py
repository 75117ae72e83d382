"""Two trainers' recertification applications: every upload of one trainer in one folder.

The sample set has a different holder on every document, so no folder of it is
one trainer's application. These are: Dana R. Whitfield's is complete (approved
courses worth more than 2.0 NASM CEUs, one of them uploaded twice, a petition
course, a current hands-on adult CPR/AED card, front and back); Marcus O. Bell's
is not (1.2 CEUs and an expired card).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from samples.gen.cardsheet import wallet
from samples.gen.model import CardData, CertData, cert_truth
from samples.gen.plan import BACKS, DESIGNS, FRONTS, Planned
from samples.gen.plan_cards import aha, arc
from samples.gen.plan_certs import approved, unapproved

D = dt.date


@dataclass(frozen=True)
class Application:
    """One trainer's uploads, saved into ``samples/applications/<folder>/``."""

    folder: str
    trainer: str
    certification_expiry: dt.date
    certificates: tuple[tuple[CertData, tuple[str, ...]], ...]
    card: CardData
    card_captures: tuple[tuple[str, tuple[str, ...]], ...]  # (side, captures)


DANA = "Dana R. Whitfield"
MARCUS = "Marcus O. Bell"
# Marcus Bell also signs some sample-set certificates; his own are signed by others.
MARCUS_SIGNERS = (("Ruth Abernathy", "Education Manager"), ("Victor Nguyen", "Registrar"))


def _dana() -> Application:
    barbell = approved(
        "app-dana-barbell",
        "prose_classic",
        "C1002",
        DANA,
        completed=D(2026, 3, 14),
        date_style="long",
        nasm_ceus=1.2,
        cert_id="SSA-2026-0877",
    )
    older_adults = approved(
        "app-dana-older-adults",
        "label_block",
        "C2002",
        DANA,
        provider="Coastal Kinetics Institute",
        completed=D(2026, 6, 27),
        date_style="us",
        hours=10.0,
        cert_id="CKI-61872",
        issued=D(2026, 7, 6),
    )
    retention = approved(
        "app-dana-retention",
        "modern_minimal",
        "C6002",
        DANA,
        course="Client Communication & Retention",
        completed=D(2026, 9, 19),
        date_style="abbr",
        nasm_ceus=0.3,
        cert_id="HWA-CCR-2290",
    )
    petition = unapproved(
        "app-dana-social-media",
        "ribbon_corner",
        "Keystone Coaching Company",
        "Social Media Marketing for Personal Trainers",
        DANA,
        completed=D(2025, 11, 8),
        date_style="us",
        nasm_ceus=0.5,
        cert_id="KCCO-5518",
    )
    card = aha(
        "app-dana-card",
        "Heartsaver CPR AED",
        DANA,
        D(2025, 8, 16),
        (8, 2027),
        "3R8T61K2WQ05",
    )
    return Application(
        folder="dana-whitfield",
        trainer=DANA,
        certification_expiry=D(2026, 12, 31),
        certificates=(
            (barbell, ("digital", "photo:jpg")),
            (older_adults, ("digital",)),
            (retention, ("digital", "scan_clean")),
            (petition, ("digital",)),
        ),
        card=card,
        card_captures=(("front", ("digital",)), ("back", ("digital",))),
    )


def _marcus() -> Application:
    kettlebell = approved(
        "app-marcus-kettlebell",
        "badge_centered",
        "C1001",
        MARCUS,
        completed=D(2026, 2, 21),
        date_style="long",
        nasm_ceus=0.8,
        cert_id="SSA-2026-0193",
        signers=MARCUS_SIGNERS,
    )
    fascia = approved(
        "app-marcus-fascia",
        "accreditation_footer",
        "C3002",
        MARCUS,
        completed=D(2025, 10, 4),
        date_style="us",
        hours=4.0,
        nasm_ceus=0.4,
        cert_id="PML-2025-4410",
        signers=MARCUS_SIGNERS,
    )
    card = arc(
        "app-marcus-card",
        "Adult First Aid/CPR/AED",
        MARCUS,
        D(2024, 6, 8),
        "MB7K2Q-4ZP1",
    )
    return Application(
        folder="marcus-bell",
        trainer=MARCUS,
        certification_expiry=D(2027, 3, 31),
        certificates=((kettlebell, ("digital",)), (fascia, ("digital",))),
        card=card,
        card_captures=(("front", ("digital",)), ("back", ("digital",))),
    )


def applications() -> tuple[Application, ...]:
    return (_dana(), _marcus())


def application_documents(app: Application) -> Iterator[Planned]:
    """The application's documents, certificates first, then the card's sides."""
    for cert, captures in app.certificates:
        yield Planned(cert_truth(cert), DESIGNS[cert.design](cert), captures, False)
    for side, captures in app.card_captures:
        drawer = FRONTS[app.card.design] if side == "front" else BACKS[app.card.design]
        rendered, truth = wallet(app.card, drawer, side)
        yield Planned(truth, rendered, captures, small=True)
