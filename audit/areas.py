"""Which of the six CE areas a course develops, from its title and catalog data.

Keyword and phrase scoring: each area has phrases with weights (a specific
phrase such as "program design" weighs more than a loose word such as
"training"). Words from the course title count fully, words from the provider
name or catalog text count half. The guess keeps the words that decided it so
a reviewer can see why, and a confidence (the winner's share of all points,
lowered when the evidence is thin) so a person confirms weak guesses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from audit.model import AreaGuess, CeArea

AREA_PHRASES: dict[CeArea, dict[str, float]] = {
    CeArea.ASSESSMENT: {
        "assessment": 3,
        "screening": 3,
        "screen": 2,
        "evaluation": 2,
        "posture": 2,
        "postural": 2,
        "fitness testing": 3,
        "exercise testing": 3,
        "testing": 1,
        "body composition": 3,
        "movement analysis": 3,
        "gait": 2,
    },
    CeArea.EXERCISE_TECHNIQUE: {
        "technique": 3,
        "techniques": 3,
        "kettlebell": 3,
        "barbell": 3,
        "suspension training": 3,
        "pilates": 3,
        "yoga": 3,
        "mobility": 2,
        "flexibility": 2,
        "stretching": 2,
        "corrective exercise": 3,
        "fascia": 2,
        "speed agility": 2,
        "quickness": 1,
        "instructor": 1,
        "workshop": 1,
        "anatomy": 2,
        "biomechanics": 2,
        "kinesiology": 2,
        "exercise physiology": 2,
        "lifting": 2,
        "resistance training": 2,
        "myofascial": 2,
        "strength": 1,
        "coaching": 1,
    },
    CeArea.PROGRAM_DESIGN: {
        "program design": 4,
        "programming": 3,
        "periodization": 3,
        "older adults": 2,
        "seniors": 2,
        "youth": 2,
        "athletic development": 2,
        "prenatal": 2,
        "postnatal": 2,
        "endurance athletes": 2,
        "injury prevention": 2,
        "special populations": 3,
        "conditioning": 2,
        "speed development": 2,
        "endurance": 1,
        "recovery": 1,
        "strength training for": 2,
    },
    CeArea.NUTRITION: {
        "nutrition": 4,
        "nutritional": 4,
        "diet": 3,
        "dietary": 3,
        "supplement": 3,
        "supplements": 3,
        "macronutrient": 3,
        "weight management": 3,
        "hydration": 2,
        "meal": 2,
        "eating": 2,
        "metabolism": 2,
    },
    CeArea.CLIENT_RELATIONS: {
        "behavior change": 4,
        "communication": 3,
        "retention": 3,
        "client": 2,
        "clients": 2,
        "sales": 3,
        "business": 3,
        "marketing": 3,
        "motivation": 2,
        "stress management": 2,
        "customer": 2,
        "administration": 2,
    },
    CeArea.PROFESSIONAL_PRACTICE: {
        "ethics": 4,
        "scope of practice": 4,
        "professional": 1,
        "legal": 3,
        "liability": 3,
        "risk management": 3,
        "first aid": 2,
        "emergency": 2,
        "safety": 2,
        "research": 2,
        "update": 1,
        "exercise science": 1,
    },
}

SECONDARY_TEXT_WEIGHT = 0.5
CONFIDENT_POINTS = 4.0  # points at which thin evidence no longer lowers the confidence


def _normalise(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()).strip() + " "


def _score_text(text: str, weight: float) -> dict[CeArea, tuple[float, list[str]]]:
    haystack = _normalise(text)
    scores: dict[CeArea, tuple[float, list[str]]] = {}
    for area, phrases in AREA_PHRASES.items():
        points, words = 0.0, []
        for phrase, value in phrases.items():
            if f" {phrase} " in haystack:
                points += value * weight
                words.append(phrase)
        if points:
            scores[area] = (points, words)
    return scores


def infer_area(course_title: str | None, extra_text: Iterable[str | None] = ()) -> AreaGuess:
    """Guess the area of a course; ``extra_text`` is provider name or catalog text."""
    totals: dict[CeArea, tuple[float, list[str]]] = {}
    sources = [(course_title, 1.0)] + [(text, SECONDARY_TEXT_WEIGHT) for text in extra_text]
    for text, weight in sources:
        if not text:
            continue
        for area, (points, words) in _score_text(text, weight).items():
            old_points, old_words = totals.get(area, (0.0, []))
            totals[area] = (
                old_points + points,
                old_words + [w for w in words if w not in old_words],
            )
    if not totals:
        return AreaGuess(area=None, confidence=0.0)
    ranked = sorted(totals.items(), key=lambda item: (-item[1][0], list(CeArea).index(item[0])))
    best_area, (best_points, best_words) = ranked[0]
    all_points = sum(points for points, _ in totals.values())
    confidence = (best_points / all_points) * min(1.0, best_points / CONFIDENT_POINTS)
    return AreaGuess(area=best_area, confidence=round(confidence, 3), words=tuple(best_words))
