"""The one keyboard map: every shortcut of the window, in one table, shown under F1.

Menus and the queue create their actions from this table (by id) and the player's rows
are merged in from its own PLAYER_SHORTCUTS, so the help list and the real keys cannot
drift apart; a test checks that no two actions share a key. Other panels add rows here
(or a table of their own merged here) rather than calling `setShortcut` with a literal.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from .compare_keys import COMPARE_SHORTCUTS
from .player_keys import PLAYER_SHORTCUTS  # not .player: QtMultimedia loads later


@dataclass(frozen=True)
class Binding:
    id: str
    keys: tuple[str, ...]  # the first is shown in menus and help; the rest are synonyms
    scope: str  # "window", "prompt", "queue" or "player" (that part focused)
    text: str  # translated at display time (context "Keymap")


KEYMAP: tuple[Binding, ...] = (
    Binding("generate", ("Ctrl+Return", "Ctrl+Enter"), "window",
            QT_TRANSLATE_NOOP("Keymap", "Generate")),
    Binding("focusPrompt", ("Ctrl+L",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Focus the prompt")),
    Binding("pasteImage", ("Ctrl+Shift+V",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Paste an image into the visible drop zone")),
    Binding("browseImage", ("Ctrl+O",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Browse for an image for the visible drop zone")),
    Binding("promptHistory", ("Ctrl+H",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Search the prompt history")),
    Binding("savePreset", ("Ctrl+Shift+S",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Save the settings as a preset")),
    Binding("showQueue", ("Ctrl+1",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Show the queue")),
    Binding("showLibrary", ("Ctrl+2",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Show the library")),
    Binding("showHistory", ("Ctrl+3",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Show the history")),
    Binding("showStoryboard", ("Ctrl+4",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Show the storyboard")),
    Binding("search", ("Ctrl+F",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Search the library")),
    Binding("pauseQueue", ("Ctrl+P",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Pause / resume sending the queue")),
    Binding("clearFinished", ("Ctrl+Shift+Backspace",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Clear finished clips from the queue")),
    Binding("notices", ("Ctrl+Shift+N",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Show / hide the notices")),
    Binding("reloadModels", ("F5",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Reload models")),
    Binding("apiKey", ("Ctrl+,",), "window",
            QT_TRANSLATE_NOOP("Keymap", "API key")),
    Binding("settings", ("Ctrl+Shift+,",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Settings: budget cap, tasks in flight")),
    Binding("shortcuts", ("F1",), "window",
            QT_TRANSLATE_NOOP("Keymap", "This list")),
    Binding("quit", ("Ctrl+Q",), "window",
            QT_TRANSLATE_NOOP("Keymap", "Quit")),
    Binding("promptOlder", ("Alt+Up",), "prompt",
            QT_TRANSLATE_NOOP("Keymap", "Recall the previous prompt")),
    Binding("promptNewer", ("Alt+Down",), "prompt",
            QT_TRANSLATE_NOOP("Keymap", "Recall the next prompt")),
    Binding("queuePlay", ("Return",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Play the selected clip")),
    Binding("queueRemove", ("Delete",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Remove a waiting clip")),
    Binding("queueUp", ("Ctrl+Up",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Move a waiting clip up (sent sooner)")),
    Binding("queueDown", ("Ctrl+Down",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Move a waiting clip down (sent later)")),
    Binding("queueRetry", ("Ctrl+R",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Retry a failed clip (a new paid task)")),
    Binding("queueCopy", ("Ctrl+C",), "queue",
            QT_TRANSLATE_NOOP("Keymap", "Copy the prompt")),
)

# The player's own keys (J/K/L, frames, loop…) come from its table, so it stays the one
# place that binds them.
KEYMAP += tuple(Binding(action_id, (keys,), "player", text)
                for action_id, keys, text in PLAYER_SHORTCUTS)
# The compare view's keys (Review), from its own table likewise.
KEYMAP += tuple(Binding(action_id, (keys,), "compare", text)
                for action_id, keys, text in COMPARE_SHORTCUTS)
BY_ID = {b.id: b for b in KEYMAP}
SCOPE_TEXT = {"window": QT_TRANSLATE_NOOP("Keymap", "Anywhere"),
              "prompt": QT_TRANSLATE_NOOP("Keymap", "Prompt focused"),
              "queue": QT_TRANSLATE_NOOP("Keymap", "Queue focused"),
              "player": QT_TRANSLATE_NOOP("Keymap", "Player focused"),
              "compare": QT_TRANSLATE_NOOP("Keymap", "Compare view focused")}


def tr(binding_or_text) -> str:
    if isinstance(binding_or_text, Binding):
        context = {"player": "PlayerPanel", "compare": "CompareView"}.get(
            binding_or_text.scope, "Keymap")
        return QCoreApplication.translate(context, binding_or_text.text)
    return QCoreApplication.translate("Keymap", binding_or_text)


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
    for scope in ("window", "prompt", "queue", "player", "compare"):
        rows = "".join(f"<tr><td><b>{shown_keys(b)}</b></td><td>&nbsp;{tr(b)}</td></tr>"
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
