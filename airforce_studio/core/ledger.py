"""Money: what was debited and refunded, per day and per model, and the monthly budget cap."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ..errors import InvalidInput
from .journal import Journal


class OverBudget(InvalidInput):
    """Submitting this would pass the budget cap; nothing was sent."""


@dataclass(frozen=True)
class SpendSummary:
    today_cents: int
    month_cents: int
    total_cents: int
    by_day: dict[str, int]
    by_model: dict[str, int]


class Ledger:
    def __init__(self, journal: Journal, budget_cap_cents: int | None = None) -> None:
        self.journal = journal
        self.budget_cap_cents = budget_cap_cents

    def summary(self, now: dt.datetime | None = None) -> SpendSummary:
        now = now or dt.datetime.now()
        by_day: dict[str, int] = defaultdict(int)
        by_model: dict[str, int] = defaultdict(int)
        for entry in self.journal.ledger():
            cents = -entry["cents"] if entry["kind"] == "refund" else entry["cents"]
            day = dt.datetime.fromtimestamp(entry["at"]).date().isoformat()
            by_day[day] += cents
            by_model[entry["model"]] += cents
        today = now.date().isoformat()
        month = today[:7]
        return SpendSummary(
            today_cents=by_day.get(today, 0),
            month_cents=sum(v for k, v in by_day.items() if k.startswith(month)),
            total_cents=sum(by_day.values()),
            by_day=dict(by_day),
            by_model=dict(by_model),
        )

    def check_budget(self, extra_cents: int, committed_cents: int = 0) -> None:
        """Refuse if this calendar month's spending + `committed_cents` + this passes the cap.

        `committed_cents`: what is queued locally or being submitted (not yet debited;
        tasks in flight already are). The engine checks when queuing and before each create.
        """
        if self.budget_cap_cents is None:
            return
        spent = self.summary().month_cents
        total = spent + committed_cents + extra_cents
        if total > self.budget_cap_cents:
            raise OverBudget(
                f"this would bring this month's spending to {money(total)}, over the "
                f"monthly budget cap of {money(self.budget_cap_cents)} (spent "
                f"{money(spent)} this month, queued {money(committed_cents)}, "
                f"this {money(extra_cents)})",
            )


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"
