"""Indonesian translation: complete, placeholders intact, committed catalogues fresh, and
the real translators change what the window shows (ours and Qt's own standard strings).

The completeness check reads every module of airforce_studio/ui and app.py: a new module
(or a new string) without an Indonesian translation fails it until
`packaging/update_translations.sh` is run and the entry translated
(`packaging/translation_status.py -v` lists them). The walks start the real dialogs and
the real main window in both languages.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from airforce_studio.core.secrets import KeyStore
from airforce_studio.core.settings import Settings
from airforce_studio.ui import crash, i18n
from airforce_studio.ui.first_run import FirstRunDialog
from airforce_studio.ui.key_dialog import KeyDialog
from airforce_studio.ui.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
# The window's sources: every module of the ui package (new ones included) and app.py.
WINDOW_SOURCES = ["airforce_studio/ui", "airforce_studio/app.py"]
# Texts that are the same in English and Indonesian, on purpose (see GLOSSARY.md): words
# Indonesian creators keep in English, loanwords spelt alike, names, symbols.
SAME_IN_BOTH = {"OK", "sk-air-…", "English", "Bahasa Indonesia", "Airforce Studio",
                f"{i18n.CURRENCY} ", "Prompt", "Seed", "Model", "Mode", "Status", "Video",
                "Volume", "Demo", "&File", "★", "×", "0:00 / 0:00", "Storyboard",
                "Render", "Render…", "&Prompt", "Preset"}  # kept in English: see GLOSSARY.md
# Model ids, aspect ratios, qualities, durations, counts: no word of either language.
NOT_WORDS = re.compile(r"^[\W\d_]*$|^[a-z0-9]+(?:[-.][a-z0-9]+)+$|^\d+(?:p|:\d+)$")
PLACEHOLDER = re.compile(r"%L?\d{1,2}|%n|\{\w*\}")
# Qt strings not in qtbase_id on purpose: key names as printed on keyboards ("Ctrl"), "%p%",
# and file type names (the system's MIME database carries its own Indonesian names).
QT_UNTRANSLATED = {"QShortcut", "QProgressBar", "QMimeType"}


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else (shutil.which(name) or pytest.skip(name))


def messages(ts: Path):
    """(context, source, [translations], type) of every message still in the code."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            node = message.find("translation")
            kind = node.get("type", "")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in node.iter("numerusform")] or [node.text or ""]
            yield name, message.findtext("source"), forms, kind


def placeholder_problems(ts: Path) -> list[str]:
    problems = []
    for context, source, forms, kind in messages(ts):
        want = Counter(PLACEHOLDER.findall(source))
        if kind == "unfinished":
            continue
        for form in forms:
            if Counter(PLACEHOLDER.findall(form)) != want:
                problems.append(f"{context}: {source!r} → {form!r}")
    return problems


def test_every_window_module_is_complete_in_indonesian(tmp_path):
    """lupdate over the whole window into a copy of our catalogue: nothing unfinished."""
    ts = tmp_path / "airforce_studio_id.ts"
    shutil.copy(I18N / "airforce_studio_id.ts", ts)
    subprocess.run([tool("pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                    "-no-obsolete", "-target-language", "id_ID", "-silent",
                    *WINDOW_SOURCES, "-ts", str(ts)], cwd=ROOT, check=True, timeout=120)
    found = list(messages(ts))
    assert len(found) >= 300  # lupdate really read the window
    unfinished = [f"{c}: {s!r}" for c, s, forms, kind in found
                  if kind == "unfinished" or not all(f.strip() for f in forms)]
    assert not unfinished, "untranslated (run packaging/update_translations.sh):\n" + \
        "\n".join(unfinished)
    assert not placeholder_problems(ts)


# Files whose strings lupdate files under no context (a module-level `tr()` wrapper: the
# runtime asks another context, so no translation can ever match). Fix, then remove here.
CONTEXTLESS_PENDING: set[str] = set()
# Qt setters and constructors whose first argument a person reads (or hears).
SHOWN = {"setText", "setToolTip", "setPlaceholderText", "setAccessibleName", "setTitle",
         "setAccessibleDescription", "setWindowTitle", "setStatusTip", "showMessage",
         "addTab", "addMenu", "addAction", "QLabel", "QPushButton", "QToolButton",
         "QCheckBox", "QAction", "QGroupBox", "QRadioButton", "setSpecialValueText"}
WORD = re.compile(r"[A-Za-z]{3,}")


def literal_words(node: ast.expr) -> str:
    """The English words of a string literal or f-string, HTML tags left out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return ""
    if text in SAME_IN_BOTH:
        return ""
    text = re.sub(r"<[^>]*>|&\w+;", " ", text)
    return " ".join(WORD.findall(text))


def test_no_window_text_bypasses_translation():
    """lupdate cannot see an f-string or a bare literal handed to a widget: such a text
    stays English in every language. (Names that are the same in both are allowed.)"""
    found = []
    for path in sorted((ROOT / "airforce_studio" / "ui").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            words = literal_words(node.args[-1] if name == "addTab" else node.args[0])
            if name in SHOWN and words and words not in SAME_IN_BOTH:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {words!r}")
    assert not found, "use self.tr() / translate():\n" + "\n".join(found)


def test_every_window_string_has_the_context_it_is_looked_up_in(tmp_path):
    """lupdate over the whole window: a string without a context is never translated."""
    ts = tmp_path / "all.ts"
    subprocess.run([tool("pyside6-lupdate"), "-extensions", "py", "-locations", "absolute",
                    "-silent", "airforce_studio/ui", "airforce_studio/app.py", "-ts", str(ts)],
                   cwd=ROOT, check=True, timeout=120)
    offenders = set()
    for context in ET.parse(ts).getroot().iter("context"):
        if context.findtext("name"):
            continue
        for location in context.iter("location"):
            path = (ts.parent / location.get("filename")).resolve()
            offenders.add(f"{path.relative_to(ROOT)}:{location.get('line')}")
    unexpected = sorted(o for o in offenders if o.split(":")[0] not in CONTEXTLESS_PENDING)
    assert not unexpected, "use self.tr() or translate(\"Context\", …):\n" + \
        "\n".join(unexpected)


@pytest.mark.parametrize("name", ["airforce_studio_id.ts", "qtbase_id.ts",
                                  "airforce_studio_en.ts"])
def test_placeholders_survive_translation(name):
    assert not placeholder_problems(I18N / name)


def test_qt_catalogue_is_finished():
    unfinished = [s for _c, s, forms, kind in messages(I18N / "qtbase_id.ts")
                  if kind == "unfinished" or not all(f.strip() for f in forms)]
    assert not unfinished


def test_the_placeholder_check_catches_a_renamed_token(tmp_path):
    """krita-ai-diffusion shipped `{tokens}` translated as `{token}`: that must fail here."""
    ts = tmp_path / "bad.ts"
    ts.write_text('<TS version="2.1" language="id_ID"><context><name>X</name>'
                  "<message><source>{tokens} left, %1 of %2</source>"
                  "<translation>{token} tersisa, %1 dari %1</translation></message>"
                  "</context></TS>", "utf-8")
    assert len(placeholder_problems(ts)) == 1


def test_committed_qm_files_are_compiled_from_the_committed_ts(tmp_path):
    for ts in sorted(I18N.glob("*.ts")):
        fresh = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts),
                        "-qm", str(fresh)], check=True, timeout=60)
        committed = ts.with_suffix(".qm")
        assert committed.is_file(), f"{committed.name} is missing"
        assert committed.read_bytes() == fresh.read_bytes(), \
            f"{committed.name} is stale: run packaging/update_translations.sh --release"


@pytest.fixture
def speak(qapp):
    """Install a language's real catalogues (as app.py does); English again afterwards."""

    def install(language: str) -> list[Path]:
        return i18n.install(qapp, language)

    yield install
    i18n.uninstall(qapp)


def test_indonesian_catalogues_load_and_change_the_window(speak, qtbot):
    loaded = speak("id")
    assert [p.name for p in loaded] == [  # English plurals: the fallback, asked last
        "airforce_studio_en.qm", "airforce_studio_id.qm", "qtbase_id.qm"]
    assert i18n.current_language() == "id"
    dialog = SettingsDialog(Settings(budget_cap_cents=1250))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Pengaturan"
    buttons = dialog.findChild(QDialogButtonBox)
    texts = {b.text() for b in buttons.buttons()}
    assert texts == {"Simpan", "Batal"}  # Qt's own strings, from our qtbase_id catalogue
    assert dialog.budget.text() == "US$ 12,50"  # the spin box follows the default locale
    assert i18n.money(125) == "US$1,25"
    assert i18n.duration(125) == "2 mnt 5 dtk"
    assert i18n.number(1234567) == "1.234.567"


def test_english_is_the_source_and_formats_as_english(speak, qtbot):
    speak("en")
    dialog = SettingsDialog(Settings(budget_cap_cents=1250))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Settings"
    assert dialog.budget.text() == "US$ 12.50"
    assert i18n.money(125) == "US$1.25"


def test_english_plurals_come_from_the_english_catalogue(speak):
    """English is the source, but "%n clip(s)" needs its forms: 1 clip, 2 clips."""
    speak("en")
    plurals = [(c, s) for c, s, forms, kind in messages(I18N / "airforce_studio_en.ts")
               if kind != "unfinished"]
    assert plurals  # the window has counted strings
    for context, source in plurals:
        one, two = (QCoreApplication.translate(context, source, None, n) for n in (1, 2))
        assert "(s)" not in one + two and one != two, (context, source)


def test_untranslated_plurals_fall_back_to_english_forms(speak):
    speak("id")
    for context, source, _forms, kind in messages(I18N / "airforce_studio_en.ts"):
        if kind != "unfinished":
            assert "(s)" not in QCoreApplication.translate(context, source, None, 2), source


def test_language_from_the_environment_in_a_fresh_process(tmp_path):
    """As a user starts it: `LANGUAGE=id` with a C locale gives Indonesian words and
    Indonesian numbers (Qt's system locale alone would format "12.50")."""
    script = ("from PySide6.QtWidgets import QApplication, QDoubleSpinBox\n"
              "from airforce_studio.ui import i18n\n"
              "app = QApplication([])\n"
              "print(i18n.apply_language_setting(app, 'system'))\n"
              "box = QDoubleSpinBox(); box.setValue(12.5); print(box.text())\n"
              "print(i18n.money(125)); print(app.translate('SettingsDialog', 'Settings'))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env |= {"LANGUAGE": "id", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split("\n")[:4] == ["id", "12,50", "US$1,25", "Pengaturan"]


def test_language_choice_is_saved_and_other_settings_are_kept(qtbot):
    dialog = SettingsDialog(Settings(language="system", budget_cap_cents=500))
    qtbot.addWidget(dialog)
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == [
        "system", "en", "id"]
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    result = dialog.result_settings()
    assert (result.language, result.budget_cap_cents) == ("id", 500)


def test_apply_language_setting_reads_the_environment(qapp, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "id")
    try:
        assert i18n.apply_language_setting(qapp, "system") == "id"
        assert i18n.apply_language_setting(qapp, "en") == "en"
        Settings(language="en").save()
        assert i18n.apply_saved_language(qapp) == "en"  # the setting beats LANGUAGE
    finally:
        i18n.uninstall(qapp)


# --- The walk: every text a person sees or hears, in both languages ---------------------

def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for titles, labels, buttons, tooltips, placeholders, accessible names,
    combo items and spin box texts of `root` and its visible children."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QToolButton) and isinstance(widget.parent(), QToolBar) \
                and widget.defaultAction() is not None:
            continue  # read as its bar's action below, shown or in the » menu (width varies)
        where = f"{type(widget).__name__}#{widget.objectName()}"
        texts = {"toolTip": widget.toolTip(), "accessibleName": widget.accessibleName(),
                 "accessibleDescription": widget.accessibleDescription()}
        if widget.isWindow():
            texts["windowTitle"] = widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            texts["text"] = widget.text()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts["placeholder"] = widget.placeholderText()
        if isinstance(widget, QComboBox):
            texts |= {f"item{i}": widget.itemText(i) for i in range(widget.count())}
        if isinstance(widget, QAbstractSpinBox):
            texts["special"] = widget.specialValueText()
        if isinstance(widget, QSpinBox | QDoubleSpinBox):
            texts |= {"prefix": widget.prefix(), "suffix": widget.suffix()}
        for action in widget.actions():
            texts |= {f"action:{action.objectName()}": action.text(),
                      f"actionTip:{action.objectName()}": action.toolTip()}
        found += [(f"{where}.{kind}", text) for kind, text in texts.items() if text.strip()]
    return found


def build_dialogs(qtbot, monkeypatch) -> list[QWidget]:
    store = KeyStore.for_api_base("http://127.0.0.1:9")

    async def never_checked(_key: str) -> None:
        raise AssertionError("not called")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    crash.install_crash_handler()
    # no parent: a window left active by an earlier test would take the box down with it
    monkeypatch.setattr(QApplication, "activeWindow", staticmethod(lambda: None))
    sys.excepthook(ValueError, ValueError("boom"), None)
    dialogs = [SettingsDialog(Settings()), KeyDialog(store, never_checked),
               FirstRunDialog(store, never_checked), crash._open_boxes[-1]]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    return dialogs


def walk(qtbot, monkeypatch) -> list[tuple[str, str]]:
    dialogs = build_dialogs(qtbot, monkeypatch)
    texts = [pair for dialog in dialogs for pair in visible_texts(dialog)]
    for dialog in dialogs:
        dialog.close()
    return texts


def indonesian_words() -> set[str]:
    """Every Indonesian translation we ship that differs from its English source."""
    return {form for name in ("airforce_studio_id.ts", "qtbase_id.ts")
            for _c, source, forms, _k in messages(I18N / name) for form in forms
            if form and form != source and form not in SAME_IN_BOTH}


def test_walk_finds_no_english_in_indonesian_and_no_indonesian_in_english(
        speak, qtbot, qloop, monkeypatch):
    speak("en")
    english = walk(qtbot, monkeypatch)
    speak("id")
    indonesian = walk(qtbot, monkeypatch)
    assert [where for where, _ in english] == [where for where, _ in indonesian]
    assert len(english) >= 30  # the walk really saw the dialogs
    untranslated = [f"{where}: {en!r}" for (where, en), (_, text) in zip(english, indonesian,
                                                                           strict=True)
                    if en == text and en not in SAME_IN_BOTH]
    assert not untranslated, "shown in English under LANGUAGE=id:\n" + "\n".join(untranslated)
    words = indonesian_words()
    leaked = [f"{where}: {text!r}" for where, text in english if text in words]
    assert not leaked, "Indonesian in the English window:\n" + "\n".join(leaked)


class Recorder(QTranslator):
    """Installed last, so Qt asks it first: records every lookup, answers none."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[str, str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.seen.add((context, source, disambiguation or ""))
        return None

    def isEmpty(self) -> bool:
        return False


def test_qt_standard_strings_our_window_shows_are_in_qtbase_id(qapp, qtbot, qloop, tmp_path,
                                                                  monkeypatch, speak):
    """Message boxes, button boxes, text and spin box context menus, the file dialog."""
    speak("id")
    recorder = Recorder()
    qapp.installTranslator(recorder)
    try:
        build_dialogs(qtbot, monkeypatch)
        box = QMessageBox(QMessageBox.Icon.Warning, "t", "x",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Ok)
        qtbot.addWidget(box)
        box.show()
        for widget in (QLineEdit(), QPlainTextEdit(), QDoubleSpinBox()):
            qtbot.addWidget(widget)
            edit = widget.findChild(QLineEdit) if isinstance(widget, QAbstractSpinBox) else widget
            edit.createStandardContextMenu().deleteLater()
        for name in ("a.png", "b.jpg", "c.webp", "d.mp4", "e.gif"):  # what we open or save
            (tmp_path / name).write_bytes(b"")
        (tmp_path / "folder").mkdir()
        files = QFileDialog(None, "x", str(tmp_path))
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setViewMode(QFileDialog.ViewMode.Detail)  # the type column: MIME comments
        qtbot.addWidget(files)
        files.show()
        qtbot.wait(50)
    finally:
        qapp.removeTranslator(recorder)
    qt_base = QTranslator()
    assert qt_base.load(str(I18N / "qtbase_id.qm"))
    # tr() of ours also asks the base classes' contexts (QDialog, QWidget, …): not Qt's
    ours = {source for context, source, _ in recorder.seen if not context.startswith("Q")}
    asked = {s for s in recorder.seen if s[1] not in ours and s[0] not in QT_UNTRANSLATED}
    assert len(asked) > 40
    missing = sorted(s for s in asked if not qt_base.translate(*s))
    assert not missing, f"Qt strings shown in English: {missing}"
