"""The CPR/AED cards in the sample set, with their validity cases."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import replace
from typing import Any

from samples.gen.dates import month_end, plus_years
from samples.gen.model import CardData

D = dt.date


def _seed(key: str) -> int:
    return zlib.crc32(key.encode()) % 100000


def aha(
    key: str, course: str, holder: str, issued: D, renew: tuple[int, int], code: str, **kw: Any
) -> CardData:
    """AHA: ``renew`` is (month, year), meaning valid to the end of that month."""
    card = CardData(
        key=key,
        design="aha",
        issuer="American Heart Association",
        holder=holder,
        course=course,
        completed=issued,
        expiry=month_end(renew[1], renew[0]),
        code=code,
        tc_name="Midwest Lifesaving Training Center",
        tc_id="IL05432",
        instructor="Karen Mitchell",
        instructor_id="05140998312",
        hands_on=True,
        seed=_seed(key),
    )
    return replace(card, **kw)


def arc(key: str, course: str, holder: str, completed: D, code: str, **kw: Any) -> CardData:
    """Red Cross: valid for 2 years from the date completed."""
    card = CardData(
        key=key,
        design="arc",
        issuer="American Red Cross",
        holder=holder,
        course=course,
        completed=completed,
        expiry=plus_years(completed, 2),
        code=code,
        tc_name="Red Cross Training Services - Tampa Bay",
        tc_id="",
        instructor="Luis Moreno",
        instructor_id="ARC-7782104",
        hands_on=True,
        seed=_seed(key),
    )
    return replace(card, **kw)


def cards() -> list[CardData]:
    return [
        aha(
            "card-aha-bls-01",
            "BLS Provider",
            "Daniel P. Kowalski",
            D(2025, 4, 23),
            (4, 2027),
            "215401398761",
        ),
        aha(
            "card-aha-heartsaver-01",
            "Heartsaver CPR AED",
            "Zoë Thompson-Hale",
            D(2024, 10, 9),
            (10, 2026),
            "2Q7K19X4PL03",
            tc_name="Lakeshore CPR Academy",
            tc_id="WI11873",
            instructor="Bradley Stone",
            instructor_id="08821100475",
        ),
        aha(
            "card-aha-bls-02",
            "BLS Provider",
            "Ana Sofía Castillo",
            D(2025, 2, 1),
            (2, 2027),
            "9XK2P7Q41LM8",
            month_only_issue=True,
            tc_name="Desert Valley Health Training",
            tc_id="AZ20719",
            instructor="Monica Reyes",
            instructor_id="03310558219",
        ),
        aha(
            "card-aha-online-01",
            "HeartCode BLS Part 1",
            "Kevin O'Brien",
            D(2026, 5, 11),
            (5, 2028),
            "HC1-7720551A",
            hands_on=False,
            online_only=True,
        ),
        arc(
            "card-arc-adult-01",
            "Adult First Aid/CPR/AED",
            "María José Fernández",
            D(2025, 1, 20),
            "GXP4T8-2KQ9",
        ),
        arc(
            "card-arc-adult-02",
            "Adult First Aid/CPR/AED",
            "William H. Tate",
            D(2024, 9, 14),
            "01KD9M3-7R",
            instructor="Janet Ruiz",
            instructor_id="ARC-5510932",
        ),
        arc(
            "card-arc-adult-03",
            "Adult First Aid/CPR/AED",
            "Nicolás Ferreira",
            D(2026, 4, 9),
            "QW3E8R-1TY6",
            instructor="Angela Brooks",
        ),
        arc(
            "card-arc-pediatric-01",
            "Pediatric First Aid/CPR/AED",
            "Laila Hassan",
            D(2025, 11, 2),
            "PQ8R2M-55TX",
            adult_cpr_aed=False,
        ),
        CardData(
            key="card-ashi-cpr-01",
            design="ashi",
            issuer="ASHI",
            holder="Jonathan M. Price",
            course="Adult CPR and AED",
            completed=D(2026, 1, 15),
            expiry=D(2028, 1, 15),
            code="RG-4471902",
            tc_name="SafeStart Training Group",
            tc_id="TC-123456",
            instructor="Denise Okafor",
            instructor_id="INS-330871",
            hands_on=True,
            seed=_seed("card-ashi-cpr-01"),
        ),
        CardData(
            key="card-ashi-firstaid-01",
            design="ashi",
            issuer="ASHI",
            holder="Rachel Kim",
            course="Basic First Aid",
            completed=D(2025, 6, 7),
            expiry=D(2027, 6, 7),
            code="RG-3380125",
            tc_name="Pinecrest Safety Training",
            tc_id="TC-208811",
            instructor="Owen Gallagher",
            instructor_id="INS-118204",
            hands_on=True,
            adult_cpr_aed=False,
            seed=_seed("card-ashi-firstaid-01"),
        ),
        CardData(
            key="card-nsc-adult-01",
            design="nsc",
            issuer="National Safety Council",
            holder="Sophie Laurent-Baptiste",
            course="Adult First Aid, CPR & AED",
            completed=D(2025, 8, 30),
            expiry=D(2027, 8, 30),
            code="NSC-88120447",
            tc_name="Metro Safety Training Center",
            tc_id="NSC-TC-4410",
            instructor="Gregory Hall",
            instructor_id="NSC-I-20931",
            hands_on=True,
            seed=_seed("card-nsc-adult-01"),
        ),
        CardData(
            key="card-nsc-online-01",
            design="nsc",
            issuer="National Safety Council",
            holder="Tyler J. Brooks",
            course="Adult CPR & AED Online",
            completed=D(2026, 3, 3),
            expiry=D(2028, 3, 3),
            code="NSC-90311862",
            tc_name="NSC Online Learning",
            tc_id="NSC-ONLINE",
            instructor="(online)",
            instructor_id="-",
            hands_on=False,
            online_only=True,
            seed=_seed("card-nsc-online-01"),
        ),
        CardData(
            key="card-webcpr-01",
            design="web_vendor",
            issuer="QuickCert CPR Online",
            holder="Ashley N. Moore",
            course="Adult CPR/AED Certification",
            completed=D(2026, 2, 2),
            expiry=D(2028, 2, 2),
            code="QC-77310294",
            tc_name="",
            tc_id="",
            instructor="",
            instructor_id="",
            hands_on=False,
            online_only=True,
            seed=_seed("card-webcpr-01"),
        ),
    ]
