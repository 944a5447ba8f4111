"""Render from the Storyboard: the pre-flight's cost first, in a question, then the render.

Nothing is sent before the creator answers; the budget cap is checked after the answer,
as `generate` does. Strings use the view's context ("StoryboardView").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..core.film.shotlist import ShotListError
from ..core.ledger import OverBudget
from .i18n import arg, money, number
from .tasks import ask

if TYPE_CHECKING:
    from .storyboard import StoryboardView


translate = QCoreApplication.translate  # lupdate finds translate("Context", "…")


async def render_with_cost(board: StoryboardView, *, stale: bool, confirm: bool = True) -> None:
    document = board.document
    assert document is not None
    board.cost_box = None
    try:
        plan = await document.prepare()
    except ShotListError as error:
        board.status.setText(str(error))
        return
    if not plan.costs:
        board.status.setText(translate("StoryboardView",
                                       "Every shot has a valid take: nothing to make."))
        return
    line = translate("StoryboardView", "%1: %2, %3 s × %4 — %5")
    lines = "".join("<li>" + arg(line, c.shot_id, c.model, number(c.duration_seconds), c.count,
                                 money(c.cents)) + "</li>" for c in plan.costs)
    title = (translate("StoryboardView", "Regenerate stale shots") if stale
             else translate("StoryboardView", "Render the film"))
    text = arg(translate("StoryboardView", "Shots to make: %1, for %2 in all:<ul>%3</ul>Shots "
                         "chained after a changed shot are made again too."),
               len(plan.costs), money(plan.total_cents), lines)
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, board)
    box.setObjectName("renderCost")
    board.cost_box = box
    if confirm:
        answer = await ask(box)
    else:
        answer = QMessageBox.StandardButton.Ok
        box.deleteLater()
    board.cost_box = None  # deleted by now
    if answer != QMessageBox.StandardButton.Ok:
        document.render = None
        return
    board.status.clear()  # an earlier hint ("render first…") no longer applies
    try:
        document.render.check_budget(plan.total_cents)  # type: ignore[union-attr]
    except OverBudget as error:  # said plainly, nothing sent
        board.status.setText(str(error))
        document.render = None
        return
    outcome = await document.run_render()
    if outcome.ok:
        board.status.setText(translate("StoryboardView", "Every shot has its take."))
    else:
        board.status.setText("; ".join(f"{k}: {v}" for k, v in outcome.failed.items()))
    board._update_buttons()
