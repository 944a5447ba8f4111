"""The main window in Indonesian and in English: every tab, menu, toolbar, table header
and notice, walked as a person would see them (issue 13). Under `LANGUAGE=id` no English
text may remain (but the terms both languages share, tests/gui/test_translations.py's
SAME_IN_BOTH); under English no Indonesian may leak in."""

from __future__ import annotations

import re
import shutil

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QTabBar

from airforce_studio.core.events import EngineNotice
from airforce_studio.core.session import Session
from airforce_studio.ui import i18n, keymap
from tests.gui.conftest import close_window, new_window
from tests.gui.test_translations import (
    NOT_WORDS,
    SAME_IN_BOTH,
    indonesian_words,
    visible_texts,
)

NOTICES = [EngineNotice("server-trouble", {"status": 503, "body": "html"}),
           EngineNotice("paid-twice", {"item_id": 3, "duplicate_item_id": 4}),
           EngineNotice("recovery-report", {"reattached": 2, "failed": 1})]


def extra_texts(widget) -> dict[str, str]:
    """What visible_texts does not read: tab titles, table headers, menus."""
    texts: dict[str, str] = {}
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            texts |= {f"tab{i}": widget.tabText(i), f"tabTip{i}": widget.tabToolTip(i)}
    if isinstance(widget, QListWidget):  # the notices list: '12:05  The server …'
        for row in range(widget.count()):
            texts[f"row{row}"] = widget.item(row).text().split("  ", 1)[-1]
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for column in range(model.columnCount()):
            texts[f"header{column}"] = str(model.headerData(
                column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
    return texts


def window_texts(window) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QCoreApplication.processEvents()
        found += [(f"tab{tab}/{where}", text) for where, text in visible_texts(window)]
        for widget in window.findChildren(QTabBar) + window.findChildren(QAbstractItemView):
            if widget.isVisibleTo(window):
                found += [(f"tab{tab}/{type(widget).__name__}.{kind}", text)
                          for kind, text in extra_texts(widget).items() if text.strip()]
    editor = window.editor  # every model and mode: drop zones, seed lock, sound, problems
    for model in range(editor.model_box.count()):
        editor.model_box.setCurrentIndex(model)
        for mode in range(editor.mode.count()):
            editor.mode.setCurrentIndex(mode)
            QCoreApplication.processEvents()
            found += [(f"editor{model}.{mode}/{where}", text)
                      for where, text in visible_texts(editor)]
    for entry in window.menuBar().actions():  # not findChildren: the overflow menu varies
        menu = entry.menu()
        found.append((f"menu{len(found)}", menu.title()))
        found += [(f"menu/{a.objectName()}", a.text()) for a in menu.actions() if a.text()]
    window.status.notices.toggle_list()  # the list of every notice, open
    QCoreApplication.processEvents()
    found += [(f"notices/{w}", t) for w, t in visible_texts(window.status.notices)]
    found += [(f"notices/list.{kind}", text)
              for kind, text in extra_texts(window.status.notices.list).items()]
    window.status.notices.toggle_list()
    shortcuts = keymap.show_help(window)
    found += [(f"shortcuts/{w}", t) for w, t in visible_texts(shortcuts)]
    shortcuts.close()
    return found


def walk_in(language, qapp, sim, key, arun) -> list[tuple[str, str]]:
    """Install the language, build the window (texts are set at build), walk, close."""
    i18n.install(qapp, language)
    session = Session.open(sim.api_base, key)
    # Both walks start from the same editor: no draft from the previous walk's window.
    shutil.rmtree(session.paths.data_dir / "draft", ignore_errors=True)
    window = new_window(session, sim)
    try:
        arun(window._load_models())
        window.resize(1280, 720)
        for notice in NOTICES:
            window.status.on_notice(notice)
        QCoreApplication.processEvents()
        return window_texts(window)
    finally:
        close_window(window, session, arun)


def shared(text: str) -> bool:
    text = re.sub(r"<[^>]*>", "", text)  # '<b>Prompt</b>' is 'Prompt'
    return text in SAME_IN_BOTH or bool(NOT_WORDS.match(text))


def test_main_window_speaks_indonesian_and_english_without_mixing(qapp, sim, key, arun):
    try:
        english = walk_in("en", qapp, sim, key, arun)
        indonesian = walk_in("id", qapp, sim, key, arun)
    finally:
        i18n.uninstall(qapp)
    assert [where for where, _ in english] == [where for where, _ in indonesian]
    assert len(english) >= 150  # the walk really saw the window
    seen = "\n".join(text for _, text in indonesian)
    for part in ("Antrean", "letakkan", "Riwayat", "Kedaluwarsa", "Server tidak menjawab",
                 "dibayar dua kali", "Pintasan keyboard", "&Antrean"):  # tabs, headers,
        assert part in seen, part                                        # notices, menus
    untranslated = sorted({f"{where}: {en!r}" for (where, en), (_, text)
                           in zip(english, indonesian, strict=True)
                           if en == text and not shared(en)})
    assert not untranslated, "shown in English under LANGUAGE=id:\n" + "\n".join(untranslated)
    words = indonesian_words()
    leaked = sorted({f"{where}: {text!r}" for where, text in english if text in words})
    assert not leaked, "Indonesian in the English window:\n" + "\n".join(leaked)


def test_clip_details_and_cards_format_in_the_window_language(qapp, qtbot):
    """Money, durations, dates, sizes and setting names of a clip, in Indonesian."""
    from airforce_studio.core.library import ClipRecord
    from airforce_studio.ui.library_cards import badges
    from airforce_studio.ui.library_details import ClipDetails

    clip = ClipRecord("vid_1", "a.mp4", None, "a fox", "wan-2.6", 1764130000, 1764130100.0,
                      duration_seconds=8, cost_cents=175, seed=42, size=12_345_678,
                      request={"aspect_ratio": "16:9", "sound": True, "quality": "720p",
                               "mode": "text"},
                      variation=2)
    try:
        i18n.install(qapp, "id")
        details = ClipDetails()
        qtbot.addWidget(details)
        details.show_clip(clip)
        text = details.label.text()
        assert badges(clip)["bottom-right"] == "8 dtk"
    finally:
        i18n.uninstall(qapp)
    for part in ("Durasi", "8 dtk", "US$1,75", "Rasio aspek", "Suara", "Ya", "11,77 MiB",
                 "#2", "Teks → video"):
        assert part in text, part
    for english in ("Duration", "Aspect", "Sound", "True", "MB", "$1.75"):
        assert english not in text, english


def test_a_refused_image_is_explained_in_the_window_language(qapp, tmp_path):
    """The core refuses in English (the CLI prints that); the drop zone words the reason."""
    from airforce_studio.core.images import ImageRejected, prepare_file
    from airforce_studio.ui.image_drop import rejection_text

    (tmp_path / "notes.txt").write_text("not an image")
    refusals = []
    for path in (tmp_path / "notes.txt", tmp_path / "gone.png", tmp_path):
        try:
            prepare_file(path)
        except ImageRejected as error:
            refusals.append(error)
    assert [e.reason for e in refusals] == ["not-an-image", "missing", "folder"]
    try:
        i18n.install(qapp, "id")
        words = [rejection_text(e) for e in refusals]
    finally:
        i18n.uninstall(qapp)
    assert words[0] == "notes.txt bukan gambar (atau formatnya tidak dapat kami baca)"
    assert words[1] == "gone.png tidak ada"
    assert "bukan gambar" in words[2]
    assert "is not an image" in str(refusals[0])  # the CLI's English is unchanged
