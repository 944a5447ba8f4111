"""The window's language: which one, its Qt catalogues, and locale-aware formatting.

English is the source language; Indonesian is translated. The language follows the system
(`LANGUAGE`, then `LC_ALL` / `LC_MESSAGES` / `LANG`, else Qt's idea of the system's UI
languages) unless the `language` setting names one. It is installed once, before the first
window is built (live switching would need every widget to re-translate itself).

Numbers, dates, durations and money are formatted with the QLocale of that language, set
as Qt's default so spin boxes and other widgets agree. Money stays in the provider's
currency (US dollars, counted in cents): no exchange rate is ever invented. The CLI never
calls any of this: scripts parse its English.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from ..core.settings import Settings

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "id")
# Each language named in itself: a reader must find their own language in any UI language.
LANGUAGE_NAMES = {"en": "English", "id": "Bahasa Indonesia"}
SETTING_CHOICES = ("system", *LANGUAGES)
CATALOGUES = ("airforce_studio", "qtbase")  # ours, then Qt's own standard strings
CURRENCY = "US$"  # the provider bills in US dollars; "$" alone is ambiguous in Indonesia
_ENV_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first one set wins
_ALIASES = {"in": "id"}  # the withdrawn ISO 639 code for Indonesian, still seen in the wild

_ARG = re.compile(r"%(\d{1,2})")

_installed: list[QTranslator] = []  # Python must keep them alive while Qt uses them
_language = SOURCE_LANGUAGE


def _base_language(tag: str) -> str:
    """'id_ID.UTF-8@x' / 'id-ID' / 'in' → 'id'; 'C' / 'POSIX' → ''."""
    code = tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    code = _ALIASES.get(code, code)
    return "" if code in ("c", "posix") else code


def language_from_environment(environ: Mapping[str, str] | None = None,
                              ui_languages: Iterable[str] | None = None) -> str:
    """The first supported language the user's environment asks for, else English.

    `LANGUAGE` is a priority list (`fr:id` gives Indonesian, as gettext would). It is
    honoured even when the locale is C, so `LANGUAGE=id airforce-studio` just works.
    Without any of the variables (Windows, macOS) Qt's system UI languages decide.
    """
    env = os.environ if environ is None else environ
    wanted = [part for part in env.get("LANGUAGE", "").split(":") if part]
    first_set = next((env[var] for var in _ENV_VARS if env.get(var)), None)
    if first_set:
        wanted.append(first_set)
    if not wanted:
        wanted = list(QLocale.system().uiLanguages() if ui_languages is None else ui_languages)
    for tag in wanted:
        code = _base_language(tag)
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def choose_language(setting: str = "system", environ: Mapping[str, str] | None = None,
                    ui_languages: Iterable[str] | None = None) -> str:
    """The setting when it names a language we ship; otherwise what the system asks for."""
    if setting in LANGUAGES:
        return setting
    return language_from_environment(environ, ui_languages)


def locale_for(language: str, system: QLocale | None = None) -> QLocale:
    """The system's locale when it speaks this language (it keeps the user's region: en_GB
    dates stay British), else the language's main locale (id → id_ID, en → en_US).

    Rebuilt from its name: with `LANGUAGE=id LANG=C` Qt's system locale is named id_ID
    but formats numbers as C does ("12.50"), which no Indonesian reader expects.
    """
    system = QLocale.system() if system is None else system
    wanted = QLocale(language)
    return QLocale(system.name()) if system.language() == wanted.language() else wanted


def translations_dir() -> Path:
    """resources/i18n from the package data (wheel, frozen bundle), else the source tree."""
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        packaged = resources.files("airforce_studio") / "resources" / "i18n"
        if packaged.is_dir():
            return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "resources" / "i18n"


def _catalogue_files(language: str) -> list[Path]:
    """In install order (Qt asks the last installed first). Ours; for Qt's strings Qt's own
    catalogue when we ship none (English plurals). Under another language the English
    plural forms come first, as the fallback: an untranslated string reads "3 clips",
    not "3 clip(s)"."""
    ours = translations_dir()
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    fallback = ours / f"{CATALOGUES[0]}_{SOURCE_LANGUAGE}.qm"
    found = [fallback] if language != SOURCE_LANGUAGE and fallback.is_file() else []
    for name in CATALOGUES:
        for folder in (ours, qt_dir) if name == "qtbase" else (ours,):
            path = folder / f"{name}_{language}.qm"
            if path.is_file():
                found.append(path)
                break
    return found


def install(app: QCoreApplication, language: str) -> list[Path]:
    """Make `language` the window's language: its catalogues and its locale. Returns the
    catalogue files loaded. Call before any widget is built (texts are set at build)."""
    global _language
    uninstall(app)
    QLocale.setDefault(locale_for(language))
    _language = language
    loaded = []
    for path in _catalogue_files(language):
        translator = QTranslator(app)
        if translator.load(str(path)) and app.installTranslator(translator):
            _installed.append(translator)
            loaded.append(path)
        else:
            log.warning("translation catalogue %s could not be loaded", path)
    return loaded


def uninstall(app: QCoreApplication) -> None:
    """Back to the source language and the system locale (tests switch languages)."""
    global _language
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(QLocale.system())
    _language = SOURCE_LANGUAGE


def apply_language_setting(app: QCoreApplication, setting: str) -> str:
    """Choose from the setting and the environment, install it, return the language."""
    language = choose_language(setting)
    loaded = install(app, language)
    log.info("window language %s (setting %r), catalogues %s", language, setting,
             [p.name for p in loaded])
    return language


def apply_saved_language(app: QCoreApplication) -> str:
    """app.py's one call, before the first window: the saved setting, else the system."""
    return apply_language_setting(app, Settings.load().language)


def current_language() -> str:
    return _language


def arg(text: str, *values: object) -> str:
    """Qt's QString::arg for Python: fills %1, %2 … in one pass, so a value that itself
    contains '%2' (a prompt, a path) is never substituted again. Translations may reorder
    the markers; lupdate and the tests check they keep the same set."""

    def fill(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return str(values[index - 1]) if 1 <= index <= len(values) else match.group(0)

    return _ARG.sub(fill, text)


# --- Formatting: always through these, never f-strings, in the window. -----------------

def _loc(loc: QLocale | None) -> QLocale:
    """The given locale, else the default install() set. The C locale (a test, a script
    before install()) formats as US English: C writes money as '12.00US$'."""
    loc = QLocale() if loc is None else loc
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates) \
        if loc.language() == QLocale.Language.C else loc


def number(value: int | float, decimals: int | None = None,
           loc: QLocale | None = None) -> str:
    """1234567 → '1,234,567' (en) / '1.234.567' (id); floats to `decimals` places, or
    as few as represent the value exactly."""
    loc = _loc(loc)
    if isinstance(value, int) and decimals is None:
        return loc.toString(value)
    if decimals is None:
        return loc.toString(float(value), "g",
                            QLocale.FloatingPointPrecisionOption.FloatingPointShortest)
    return loc.toString(float(value), "f", decimals)


def money(cents: int, loc: QLocale | None = None) -> str:
    """US cents in the locale's style: 125 → 'US$1.25' (en) / 'US$1,25' (id).

    The precision is explicit: the rupiah has no minor unit, so the Indonesian locale
    would otherwise round US$1.25 to 'US$1'. Negative amounts get a plain minus sign
    (en_US would use accounting brackets).
    """
    loc = _loc(loc)
    text = loc.toCurrencyString(abs(cents) / 100, CURRENCY, 2)
    return loc.negativeSign() + text if cents < 0 else text


def _qdatetime(value: datetime | float | int) -> QDateTime:
    """A datetime (aware, or naive meaning local time) or a POSIX timestamp, as local."""
    stamp = value.timestamp() if isinstance(value, datetime) else float(value)
    return QDateTime.fromMSecsSinceEpoch(round(stamp * 1000))


def date_time(value: datetime | float | int, long: bool = False,
              loc: QLocale | None = None) -> str:
    """'11/26/26 3:55 AM' (en_US) / '26/11/26 03.55' (id); `long` spells the month."""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return _loc(loc).toString(_qdatetime(value), kind)


def date(value: datetime | float | int, long: bool = False, loc: QLocale | None = None) -> str:
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return _loc(loc).toString(_qdatetime(value).date(), kind)


def time_of_day(value: datetime | float | int, loc: QLocale | None = None) -> str:
    return _loc(loc).toString(_qdatetime(value).time(), QLocale.FormatType.ShortFormat)


def duration(seconds: float, loc: QLocale | None = None) -> str:
    """A span in words, whole seconds: '8 s', '2 min 5 s', '1 h 05 min' (en);
    '8 dtk', '2 mnt 5 dtk', '1 jam 05 mnt' (id). For clip lengths, waits, expiry."""
    loc = _loc(loc)
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return arg(translate("Duration", "%1 h %2 min"), loc.toString(hours), f"{minutes:02d}")
    if minutes and secs:
        return arg(translate("Duration", "%1 min %2 s"), loc.toString(minutes),
                   loc.toString(secs))
    if minutes:
        return arg(translate("Duration", "%1 min"), loc.toString(minutes))
    return arg(translate("Duration", "%1 s"), loc.toString(secs))


def clock(seconds: float) -> str:
    """A position or length as a player shows it, in every language: '1:05', '1:02:03'."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def data_size(size: int, loc: QLocale | None = None) -> str:
    """Bytes for people: '117.74 MiB' (en) / '117,74 MiB' (id)."""
    return _loc(loc).formattedDataSize(size)
