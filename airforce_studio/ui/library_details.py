"""The details of the selected clip: everything needed to make it again or to find it
at the provider (seed, every setting, cost, task id, when it was made and archived)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from ..core.library import ClipRecord
from . import i18n
from .editor_model import mode_label

HIDDEN = {"input_images", "prompt"}


def when(seconds: float | None) -> str:
    if not seconds:
        return "—"
    return i18n.date_time(seconds)  # the long form (weekday, time zone) wraps in 3 lines


def size_text(size: int) -> str:
    if not size:
        return "—"
    return i18n.data_size(size)


class ClipDetails(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipDetails")
        self.setAccessibleName(self.tr("Clip details"))
        self.setWidgetResizable(True)
        self.setMinimumWidth(220)
        self.label = QLabel()
        self.label.setObjectName("clipDetailsText")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label.setMargin(8)
        self.setWidget(self.label)
        self.show_clip(None)

    def show_clip(self, clip: ClipRecord | None) -> None:
        if clip is None:
            self.label.setText(self.tr("Select a clip to see its seed, settings and cost."))
            return
        rows = [
            (self.tr("Model"), clip.model),
            (self.tr("Seed"), "—" if clip.seed is None else str(clip.seed)),
            (self.tr("Variation"), f"#{clip.variation}" if clip.variation else "—"),
            (self.tr("Duration"),
             i18n.duration(clip.duration_seconds) if clip.duration_seconds else "—"),
            (self.tr("Cost"), "—" if clip.cost_cents is None
             else i18n.money(clip.cost_cents)),
        ]
        for name, value in sorted(clip.request.items()):
            if name not in HIDDEN and name not in ("model", "seed", "duration_seconds"):
                rows.append((self._setting_name(name), self._setting_value(name, value)))
        images = clip.request.get("input_images") or []
        if images:
            rows.append((self.tr("Input images"), str(len(images))))
        rows += [
            (self.tr("Task id"), clip.task_id),
            (self.tr("Created"), when(clip.created)),
            (self.tr("Archived"), when(clip.archived_at)),
            (self.tr("Size"), size_text(clip.size)),
        ]
        cells = "".join(f"<tr><td style='padding-right:8px;opacity:.7'>{html.escape(k)}</td>"
                        f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
        self.label.setText(f"<p>{html.escape(clip.prompt)}</p><table>{cells}</table>")

    def _setting_name(self, name: str) -> str:
        """A request field in words; a field this window does not know keeps its own name."""
        names = {"aspect_ratio": self.tr("Aspect ratio"), "quality": self.tr("Quality"),
                 "sound": self.tr("Sound"), "mode": self.tr("Mode"),
                 "negative_prompt": self.tr("Negative prompt")}
        return names.get(name, name.replace("_", " ").capitalize())

    def _setting_value(self, name: str, value: object) -> str:
        if name == "mode":
            return mode_label(str(value))
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        return str(value)
