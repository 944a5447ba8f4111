"""Prompt history, shared by every profile: the prompts sent, newest first, recalled with
Alt+Up / Alt+Down in the prompt box (like a shell) or picked from a searchable list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.paths import Paths
from .formatting import short_prompt
from .json_store import JsonSaver, read_json

KEPT = 500  # prompts remembered; older ones fall off


class PromptHistory:
    """Newest first; a prompt sent again moves to the front instead of repeating."""

    def __init__(self, path: Path | None = None) -> None:
        self.saver = JsonSaver(path or Paths.config_dir() / "prompt_history.json")
        self.prompts: list[str] = [p for p in read_json(self.saver.path, [])
                                   if isinstance(p, str) and p.strip()][:KEPT]

    def add(self, prompt: str) -> None:
        prompt = prompt.strip()
        if not prompt:
            return
        self.prompts = [prompt, *(p for p in self.prompts if p != prompt)][:KEPT]
        self.saver.save(self.prompts)

    def search(self, text: str) -> list[str]:
        words = text.lower().split()
        return [p for p in self.prompts if all(w in p.lower() for w in words)]


class Recall:
    """Alt+Up / Alt+Down over a history, remembering what was typed before recalling."""

    def __init__(self, history: PromptHistory) -> None:
        self.history = history
        self.index = -1  # -1: the user's own text
        self.typed = ""

    def step(self, current: str, older: bool) -> str | None:
        """The prompt to show after one step, or None when there is nowhere to go."""
        prompts = self.history.prompts
        if self.index == -1:
            self.typed = current
        index = self.index + (1 if older else -1)
        if index < -1 or index >= len(prompts):
            return None
        self.index = index
        return self.typed if index == -1 else prompts[index]

    def reset(self) -> None:
        self.index = -1


class PromptHistoryDialog(QDialog):
    """A searchable list of past prompts; Enter or a double-click puts one in the editor.
    Opened with open(): the window keeps running."""

    chosen = Signal(str)

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptHistoryDialog")
        self.setWindowTitle(self.tr("Prompt history"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history = history
        self.search = QLineEdit()
        self.search.setObjectName("promptHistorySearch")
        self.search.setAccessibleName(self.tr("Search past prompts"))
        self.search.setPlaceholderText(self.tr("Search past prompts…"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("promptHistoryList")
        self.list.setAccessibleName(self.tr("Past prompts, newest first"))
        self.list.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.use = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.use.setText(self.tr("Use this prompt"))
        buttons.accepted.connect(self.pick)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.search.textChanged.connect(self.fill)
        self.search.returnPressed.connect(self.pick)
        self.list.itemActivated.connect(lambda _item: self.pick())
        self.fill("")

    def fill(self, text: str) -> None:
        self.list.clear()
        found = self.history.search(text)
        for prompt in found:
            item = QListWidgetItem(short_prompt(prompt, 160))
            item.setData(Qt.ItemDataRole.UserRole, prompt)
            item.setToolTip(prompt)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        self.empty.setText("" if found else self.tr(
            "No prompt matches. Clear the search to see them all.") if self.history.prompts
            else self.tr("No prompts yet: the prompts you send appear here."))
        self.empty.setVisible(not found)
        self.use.setEnabled(bool(found))

    def pick(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
        self.accept()
