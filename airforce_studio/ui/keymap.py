"""The one keyboard map: every shortcut of the window, in one table, shown under F1.

Menus, the queue and the player create their actions from this table (by id), so the
help list and the real keys cannot drift apart; a test checks that no two actions share
a key. Other panels add rows here rather than calling `setShortcut` with a literal.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget


@dataclass(frozen=True)
class Binding:
    id: str
    keys: tuple[str, ...]  # the first is shown in menus and help; the rest are synonyms
    text: str  # translated at display time (context "Keymap")
    scope: str  # "window", "queue" (queue focused) or "player" (player focused)


def _(text: str) -> str:
    return QT_TRANSLATE_NOOP("Keymap", text)


KEYMAP: tuple[Binding, ...] = (
    Binding("generate", ("Ctrl+Return", "Ctrl+Enter"), _("Generate"), "window"),
    Binding("focusPrompt", ("Ctrl+L",), _("Focus the prompt"), "window"),
    Binding("pasteImage", ("Ctrl+Shift+V",), _("Paste an image into the visible drop zone"),
            "window"),
    Binding("showQueue", ("Ctrl+1",), _("Show the queue"), "window"),
    Binding("showLibrary", ("Ctrl+2",), _("Show the library"), "window"),
    Binding("search", ("Ctrl+F",), _("Search the library"), "window"),
    Binding("pauseQueue", ("Ctrl+P",), _("Pause / resume sending the queue"), "window"),
    Binding("clearFinished", ("Ctrl+Shift+Backspace",), _("Clear finished clips from the queue"),
            "window"),
    Binding("notices", ("Ctrl+Shift+N",), _("Show / hide the notices"), "window"),
    Binding("reloadModels", ("F5",), _("Reload models"), "window"),
    Binding("apiKey", ("Ctrl+,",), _("API key"), "window"),
    Binding("settings", ("Ctrl+Shift+,",), _("Settings: budget cap, tasks in flight"), "window"),
    Binding("shortcuts", ("F1",), _("This list"), "window"),
    Binding("quit", ("Ctrl+Q",), _("Quit"), "window"),
    Binding("queuePlay", ("Return",), _("Play the selected clip"), "queue"),
    Binding("queueRemove", ("Delete",), _("Remove a waiting clip"), "queue"),
    Binding("queueUp", ("Ctrl+Up",), _("Move a waiting clip up (sent sooner)"), "queue"),
    Binding("queueDown", ("Ctrl+Down",), _("Move a waiting clip down (sent later)"), "queue"),
    Binding("queueRetry", ("Ctrl+R",), _("Retry a failed clip (a new paid task)"), "queue"),
    Binding("queueCopy", ("Ctrl+C",), _("Copy the prompt"), "queue"),
    Binding("playPause", ("Space",), _("Play / pause"), "player"),
    Binding("fullScreen", ("F",), _("Full screen video"), "player"),
    Binding("mute", ("M",), _("Mute"), "player"),
    Binding("loop", ("L",), _("Loop"), "player"),
)

BY_ID = {b.id: b for b in KEYMAP}
SCOPE_TEXT = {"window": _("Anywhere"), "queue": _("Queue focused"),
              "player": _("Player focused")}


def tr(text: str) -> str:
    return QCoreApplication.translate("Keymap", text)


def sequences(binding_id: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in BY_ID[binding_id].keys]


def bind(action: QAction, binding_id: str) -> QAction:
    """Give `action` its keys from the table (and its name, for tests)."""
    action.setShortcuts(sequences(binding_id))
    if BY_ID[binding_id].scope != "window":
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if not action.objectName():
        action.setObjectName(f"action_{binding_id}")
    return action


def shown_keys(binding: Binding) -> str:
    return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                      for k in binding.keys[:1])


def help_html() -> str:
    parts = []
    for scope in ("window", "queue", "player"):
        rows = "".join(f"<tr><td><b>{shown_keys(b)}</b></td><td>&nbsp;{tr(b.text)}</td></tr>"
                       for b in KEYMAP if b.scope == scope)
        parts.append(f"<p><i>{tr(SCOPE_TEXT[scope])}</i></p><table>{rows}</table>")
    return "".join(parts)


def show_help(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("Keymap", "Keyboard shortcuts"), help_html(),
                      parent=parent)
    box.setObjectName("shortcutsDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
