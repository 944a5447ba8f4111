"""Preferences that change how the queue spends money: budget cap, tasks in flight,
adopting tasks made elsewhere; the window's language (applied at the next start) and its
theme (applied at once). Saved to settings.json (never a secret there)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from ..core.settings import Settings
from .i18n import CURRENCY, LANGUAGE_NAMES, LANGUAGES
from .theme import apply_theme


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.budget = QDoubleSpinBox()
        self.budget.setObjectName("budgetCap")
        self.budget.setAccessibleName(self.tr("Budget cap in US dollars, 0 for none"))
        self.budget.setRange(0, 1_000_000)
        self.budget.setDecimals(2)
        self.budget.setPrefix(f"{CURRENCY} ")
        self.budget.setSpecialValueText(self.tr("No cap"))
        self.budget.setValue((settings.budget_cap_cents or 0) / 100)
        self.in_flight = QSpinBox()
        self.in_flight.setObjectName("maxInFlight")
        self.in_flight.setAccessibleName(self.tr("Tasks in flight at once"))
        self.in_flight.setRange(1, 4)
        self.in_flight.setValue(settings.max_in_flight)
        self.adopt = QCheckBox(self.tr("Archive tasks of this key made in other tools"))
        self.adopt.setObjectName("adoptUnknown")
        self.adopt.setAccessibleName(self.tr("Adopt tasks made elsewhere"))
        self.adopt.setChecked(settings.adopt_unknown)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language of the window"))
        self.language.addItem(self.tr("Same as the system"), "system")
        for code in LANGUAGES:  # each language in its own name
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setToolTip(self.tr("Takes effect the next time Airforce Studio starts."))
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.setAccessibleName(self.tr("Colour theme of the window"))
        for label, value in ((self.tr("Same as the system"), "system"),
                             (self.tr("Light"), "light"), (self.tr("Dark"), "dark")):
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        note = QLabel(self.tr("The cap counts everything spent in this profile (refunds "
                              "deducted) plus what is waiting in the queue. Tasks in flight: "
                              "the provider allows 4; lower it to leave room for other tools "
                              "using the same key. A new language takes effect the next time "
                              "Airforce Studio starts."))
        note.setWordWrap(True)
        note.setMinimumWidth(420)
        form = QFormLayout()
        form.addRow(self.tr("Budget cap"), self.budget)
        form.addRow(self.tr("Tasks in flight"), self.in_flight)
        form.addRow("", self.adopt)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Theme"), self.theme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def result_settings(self) -> Settings:
        cents = round(self.budget.value() * 100)
        # replace(): fields this dialog does not show are kept, never reset to defaults
        return replace(self.settings, max_in_flight=self.in_flight.value(),
                       adopt_unknown=self.adopt.isChecked(), budget_cap_cents=cents or None,
                       language=self.language.currentData(), theme=self.theme.currentData())

    def accept(self) -> None:
        """The theme changes at once (the rest is applied by the window)."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme.currentData())
        super().accept()
