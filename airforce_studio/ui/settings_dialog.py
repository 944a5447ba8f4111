"""Preferences that change how the queue spends money: budget cap, tasks in flight,
adopting tasks made elsewhere. Saved to settings.json (never a secret there)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from ..core.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.settings = settings
        self.budget = QDoubleSpinBox()
        self.budget.setObjectName("budgetCap")
        self.budget.setAccessibleName("Budget cap in dollars, 0 for none")
        self.budget.setRange(0, 1_000_000)
        self.budget.setDecimals(2)
        self.budget.setPrefix("$ ")
        self.budget.setSpecialValueText("No cap")
        self.budget.setValue((settings.budget_cap_cents or 0) / 100)
        self.in_flight = QSpinBox()
        self.in_flight.setObjectName("maxInFlight")
        self.in_flight.setAccessibleName("Tasks in flight at once")
        self.in_flight.setRange(1, 4)
        self.in_flight.setValue(settings.max_in_flight)
        self.adopt = QCheckBox("Archive tasks of this key made in other tools")
        self.adopt.setObjectName("adoptUnknown")
        self.adopt.setAccessibleName("Adopt tasks made elsewhere")
        self.adopt.setChecked(settings.adopt_unknown)
        note = QLabel("The cap counts everything spent in this profile (refunds deducted) plus "
                      "what is waiting in the queue. Tasks in flight: the provider allows 4; "
                      "lower it to leave room for other tools using the same key.")
        note.setWordWrap(True)
        note.setMinimumWidth(420)
        form = QFormLayout()
        form.addRow("Budget cap", self.budget)
        form.addRow("Tasks in flight", self.in_flight)
        form.addRow("", self.adopt)
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
        return Settings(max_in_flight=self.in_flight.value(), adopt_unknown=self.adopt.isChecked(),
                        budget_cap_cents=cents or None)
