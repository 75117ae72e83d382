"""Where an application stands against the certification's expiration date, and its fees.

- on time: submitted (the as-of date) on or before the expiration date;
- late fee: up to ``late_fee_days`` after it (day 90 is still late-fee);
- additional fee: after that, up to ``lapse_days`` (day 365 still counts);
  only CE completed on or before ``ce_grace_days`` after expiry counts then;
- lapsed: later than that; recertification is refused.

Recertify for Life changes the fees, not the requirements: an enrolled trainer
owes no renewal fee (the one-time fee covered it), while the late and additional
fees, which are charged for lateness, still apply. Every amount is a setting.
"""

from __future__ import annotations

import datetime as dt

from audit.model import Deadline, DeadlineState, Fee, TrainerProfile
from ingest.settings import Settings


def deadline_state(days_after_expiry: int, settings: Settings) -> DeadlineState:
    if days_after_expiry <= 0:
        return DeadlineState.ON_TIME
    if days_after_expiry <= settings.late_fee_days:
        return DeadlineState.LATE_FEE
    if days_after_expiry <= settings.lapse_days:
        return DeadlineState.ADDITIONAL_FEE
    return DeadlineState.LAPSED


def ce_window_end(profile: TrainerProfile, state: DeadlineState, settings: Settings) -> dt.date:
    """The last completion date that counts: the expiry date, or the grace period when late."""
    if state in (DeadlineState.LATE_FEE, DeadlineState.ADDITIONAL_FEE):
        return profile.certification_expiry + dt.timedelta(days=settings.ce_grace_days)
    return profile.certification_expiry


def renewal_fee(profile: TrainerProfile, settings: Settings) -> Fee:
    if profile.recertify_for_life:
        return Fee(
            kind="recertification",
            amount_usd=0,
            reason=(
                "Recertify for Life: the one-time fee "
                f"(${settings.recertify_for_life_fee_usd}) replaces renewal fees."
            ),
        )
    return Fee(
        kind="recertification",
        amount_usd=settings.recertification_fee_usd,
        reason="Renewal fee for this cycle.",
    )


def lateness_fee(state: DeadlineState, days: int, settings: Settings) -> Fee | None:
    if state is DeadlineState.LATE_FEE:
        return Fee(
            kind="late_fee",
            amount_usd=settings.late_fee_usd,
            reason=f"Submitted {days} days after expiry (late-fee window: "
            f"{settings.late_fee_days} days).",
        )
    if state is DeadlineState.ADDITIONAL_FEE:
        return Fee(
            kind="additional_fee",
            amount_usd=settings.additional_fee_usd,
            reason=f"Submitted {days} days after expiry (additional-fee window: up to "
            f"{settings.lapse_days} days, CE completed within {settings.ce_grace_days} days "
            "of expiry).",
        )
    return None


def petition_fees(petitions: int, settings: Settings) -> tuple[Fee, ...]:
    if petitions <= 0:
        return ()
    return (
        Fee(
            kind="petition",
            amount_usd=petitions * settings.petition_fee_usd,
            reason=f"{petitions} course petition(s) at ${settings.petition_fee_usd} each, "
            "nonrefundable.",
        ),
    )


def deadline_for(
    profile: TrainerProfile, as_of: dt.date, settings: Settings, *, petitions: int = 0
) -> Deadline:
    """The deadline state on ``as_of`` and the fees due; a lapsed credential owes none."""
    days = (as_of - profile.certification_expiry).days
    state = deadline_state(days, settings)
    fees: tuple[Fee, ...] = ()
    if state is not DeadlineState.LAPSED:
        late = lateness_fee(state, days, settings)
        fees = (renewal_fee(profile, settings), *((late,) if late else ()))
        fees += petition_fees(petitions, settings)
    return Deadline(
        state=state,
        days_after_expiry=days,
        ce_window_end=ce_window_end(profile, state, settings),
        fees=fees,
    )
