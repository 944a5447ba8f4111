"""Which language the window speaks, and locale-aware formats (explicit locales, no app)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale

from airforce_studio.core.paths import Paths
from airforce_studio.core.settings import LANGUAGE_CHOICES, Settings
from airforce_studio.ui import i18n

EN, ID = QLocale("en_US"), QLocale("id_ID")


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANGUAGE": "id", "LANG": "C.UTF-8"}, "id"),  # honoured even with a C locale
    ({"LANGUAGE": "fr:id_ID", "LANG": "en_US.UTF-8"}, "id"),  # a priority list, as gettext
    ({"LANGUAGE": "en:id"}, "en"),
    ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LC_MESSAGES": "id_ID", "LANG": "en_US"}, "id"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),  # LC_ALL wins; French → source
    ({"LANG": "in_ID"}, "id"),  # the withdrawn ISO code
    ({"LANG": "C"}, "en"),
    ({"LANGUAGE": "", "LANG": "de_DE@euro"}, "en"),
])
def test_language_follows_the_environment(environ, expected):
    assert i18n.choose_language("system", environ, ui_languages=["id-ID"]) == expected


def test_without_variables_the_systems_ui_languages_decide():
    assert i18n.choose_language("system", {}, ui_languages=["fr-FR", "id-ID"]) == "id"
    assert i18n.choose_language("system", {}, ui_languages=["ja-JP"]) == "en"


def test_the_setting_overrides_the_environment():
    assert i18n.choose_language("en", {"LANGUAGE": "id"}) == "en"
    assert i18n.choose_language("id", {"LANG": "en_US.UTF-8"}) == "id"
    assert i18n.choose_language("klingon", {"LANG": "id_ID"}) == "id"  # unknown → system


def test_locale_keeps_the_users_region_when_it_speaks_the_language():
    assert i18n.locale_for("en", QLocale("en_GB")).name() == "en_GB"
    assert i18n.locale_for("id", QLocale("en_GB")).name() == "id_ID"
    assert i18n.locale_for("en", QLocale("id_ID")).name() == "en_US"


def test_money_keeps_cents_in_every_locale():
    # the trap: without the precision the rupiah locale drops the cents ("US$1")
    assert ID.toCurrencyString(1.25, "US$") == "US$1"
    assert i18n.money(125, ID) == "US$1,25"
    assert i18n.money(125, EN) == "US$1.25"
    assert i18n.money(123456, ID) == "US$1.234,56"
    assert i18n.money(0, ID) == "US$0,00"
    assert i18n.money(-50, EN) == "-US$0.50"  # not en_US's accounting brackets
    assert i18n.money(-123450, ID) == "-US$1.234,50"


def test_numbers_dates_and_sizes_follow_the_locale():
    assert i18n.number(1234567, loc=ID) == "1.234.567"
    assert i18n.number(1234567, loc=EN) == "1,234,567"
    assert i18n.number(10**10, loc=ID) == "10.000.000.000"
    assert i18n.number(2.5, loc=ID) == "2,5"
    assert i18n.number(1 / 3, 2, EN) == "0.33"
    moment = datetime(2026, 11, 26, 14, 5, tzinfo=timezone(timedelta(hours=7)))
    local = moment.astimezone()  # the functions show local time, as the user lives it
    assert i18n.date(moment, long=True, loc=ID) == ID.toString(
        i18n._qdatetime(local).date(), QLocale.FormatType.LongFormat)
    assert str(local.year) in i18n.date(moment, long=True, loc=ID)
    assert i18n.time_of_day(moment, loc=ID) == f"{local.hour:02d}.{local.minute:02d}"
    assert i18n.time_of_day(moment.timestamp(), loc=ID) == i18n.time_of_day(moment, loc=ID)
    assert i18n.data_size(123456789, ID) == "117,74 MiB"


def test_durations_in_words_and_as_a_clock():
    # No translator installed here: the English source; Indonesian is checked in tests/gui.
    assert [i18n.duration(s, EN) for s in (0, 8, 60, 125, 3725)] == [
        "0 s", "8 s", "1 min", "2 min 5 s", "1 h 02 min"]
    assert [i18n.clock(s) for s in (0, 65, 3723)] == ["0:00", "1:05", "1:02:03"]


def test_arg_fills_markers_once_and_in_any_order():
    assert i18n.arg("%2 of %1", "a", "b") == "b of a"
    assert i18n.arg("Prompt: %1", "50%2 off") == "Prompt: 50%2 off"  # never substituted again
    assert i18n.arg("%1 and %3", "x") == "x and %3"  # a missing value leaves the marker


def test_language_setting_round_trips_and_rejects_unknown_values():
    assert LANGUAGE_CHOICES == i18n.SETTING_CHOICES
    assert Settings.load().language == "system"
    Settings(language="id").save()
    assert Settings.load().language == "id"
    path = Paths.config_dir() / "settings.json"
    raw = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(raw | {"language": "fr"}), "utf-8")
    assert Settings.load().language == "system"
