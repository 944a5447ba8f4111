"""Typed user settings in the config dir (JSON). Never a secret in here."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from .files import write_atomically
from .paths import Paths

FILE_NAME = "settings.json"
LANGUAGE_CHOICES = ("system", "en", "id")  # ui/i18n.py ships these
THEME_CHOICES = ("system", "light", "dark")  # ui/theme.py draws these


@dataclass
class Settings:
    language: str = "system"  # the window's: "system" (LANGUAGE/LANG), "en" or "id"; next start
    max_in_flight: int = 4  # the provider's limit; lower it to leave room for other tools
    adopt_unknown: bool = True  # archive tasks of this key made elsewhere
    budget_cap_cents: int | None = None  # refuse to submit past this spend per calendar month
    cost_guard_cents: int = 1000  # `generate` asks for --yes above this total
    theme: str = "system"  # the window's colours: "system" (follow the OS), "light", "dark"

    @classmethod
    def load(cls) -> Settings:
        path = Paths.config_dir() / FILE_NAME
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        settings.max_in_flight = max(1, min(4, int(settings.max_in_flight)))
        if settings.language not in LANGUAGE_CHOICES:
            settings.language = "system"  # a hand-edited or newer file never blocks the start
        if settings.theme not in THEME_CHOICES:
            settings.theme = "system"
        if isinstance(settings.cost_guard_cents, bool) or not isinstance(
                settings.cost_guard_cents, int) or settings.cost_guard_cents < 0:
            settings.cost_guard_cents = cls.cost_guard_cents  # a hand-edited file: keep $10
        return settings

    def save(self) -> None:
        folder = Paths.config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / FILE_NAME, json.dumps(asdict(self), indent=2).encode())
