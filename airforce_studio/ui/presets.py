"""Named presets, shared by every profile: a name for a set of editor settings (model,
mode, duration, aspect, quality, sound, seed, count), saved and loaded in one click.
Loading keeps only what the current models allow (`EditorModel.apply_settings`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QToolButton,
    QWidget,
)

from ..core.paths import Paths
from . import icons
from .i18n import arg
from .json_store import JsonSaver, read_json


class PresetStore:
    def __init__(self, path: Path | None = None) -> None:
        self.saver = JsonSaver(path or Paths.config_dir() / "presets.json")
        raw = read_json(self.saver.path, {})
        self.presets: dict[str, dict[str, Any]] = {
            str(name): values for name, values in raw.items() if isinstance(values, dict)}

    def names(self) -> list[str]:
        return sorted(self.presets, key=str.casefold)

    def put(self, name: str, values: dict[str, Any]) -> None:
        self.presets[name] = dict(values)
        self.saver.save(self.presets)

    def remove(self, name: str) -> None:
        if self.presets.pop(name, None) is not None:
            self.saver.save(self.presets)


class PresetBar(QWidget):
    """A combo of presets with Save and Delete. `loadRequested(values)` applies one;
    `save_as(name, values)` stores the editor's current settings."""

    loadRequested = Signal(dict)

    def __init__(self, store: PresetStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.current_settings = lambda: {}  # set by the editor
        self.combo = QComboBox()
        self.combo.setObjectName("presets")
        self.combo.setAccessibleName(self.tr("Presets"))
        self.combo.setToolTip(self.tr("Load saved settings"))
        self.save = QToolButton()
        self.save.setObjectName("presetSave")
        self.save.setAccessibleName(self.tr("Save these settings as a preset"))
        self.save.setToolTip(self.tr("Save these settings as a preset…"))
        icons.set_icon(self.save, "mdi6.content-save-outline")
        self.delete = QToolButton()
        self.delete.setObjectName("presetDelete")
        self.delete.setAccessibleName(self.tr("Delete the chosen preset"))
        self.delete.setToolTip(self.tr("Delete the chosen preset"))
        icons.set_icon(self.delete, "mdi6.delete-outline")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.save)
        row.addWidget(self.delete)
        self.combo.activated.connect(self._activated)
        self.save.clicked.connect(self.ask_name)
        self.delete.clicked.connect(self.delete_current)
        self.fill()

    def fill(self, select: str | None = None) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Presets…") if self.store.presets
                           else self.tr("No presets yet"), None)
        for name in self.store.names():
            self.combo.addItem(name, name)
        self.combo.setCurrentIndex(max(0, self.combo.findData(select)))
        self.combo.blockSignals(False)
        self.delete.setEnabled(select is not None and select in self.store.presets)

    def _activated(self, index: int) -> None:
        name = self.combo.itemData(index)
        self.delete.setEnabled(name is not None)
        if name is not None:
            self.loadRequested.emit(dict(self.store.presets[name]))

    def ask_name(self) -> QInputDialog:
        """Asks for a name with open() (never exec()); Save stores the settings."""
        dialog = QInputDialog(self)
        dialog.setObjectName("presetNameDialog")
        dialog.setWindowTitle(self.tr("Save preset"))
        dialog.setLabelText(self.tr("Name of the preset (an existing name is replaced):"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(self.combo.currentData() or "")
        dialog.textValueSelected.connect(self.save_as)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def save_as(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        self.store.put(name, self.current_settings())
        self.fill(select=name)
        self.setToolTip(arg(self.tr("Saved “%1”."), name))

    def delete_current(self) -> None:
        name = self.combo.currentData()
        if name is not None:
            self.store.remove(name)
            self.fill()
