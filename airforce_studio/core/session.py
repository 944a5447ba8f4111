"""One profile opened for work: client, journal, library, ledger and engine, wired once.

The GUI and the CLI both build exactly this, so they behave the same. A lock file keeps
two processes from driving one profile's journal at once (they would race to archive).

Opening is two steps so the window can paint before the network stack loads (issue 14):
`LocalProfile.open()` takes the lock and opens the SQLite files (no httpx, no asyncio);
`Session.attach()` adds the client and the engine. `Session.open()` does both.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from .. import lockfile
from ..errors import HeldElsewhere, local_error_from_os
from .databases import open_journal
from .databases import open_library as open_library_checked
from .events import EngineNotice, english
from .journal import Journal
from .ledger import Ledger
from .library import Library
from .paths import Paths, profile_name
from .settings import Settings

if TYPE_CHECKING:  # the client and the engine load in Session.attach (after first paint)
    from ..api.client import ApiClient
    from .engine import Engine, EngineConfig


class ProfileBusy(HeldElsewhere):
    """Another Airforce Studio process is working on this profile."""


def lock_profile(paths: Paths) -> IO[str]:
    """Hold the profile for this process; the file names our pid for whoever finds it busy."""
    try:
        return lockfile.hold(paths.lock_file)
    except lockfile.LockHeld as held:
        raise ProfileBusy(
            f"another Airforce Studio process{held.who} is using the {paths.profile!r} "
            f"profile; close that window or wait for that command to finish",
            paths.lock_file) from held


@dataclass
class LocalProfile:
    """A profile's lock and SQLite files: what the window shows before the network is up."""

    paths: Paths
    journal: Journal
    library: Library
    ledger: Ledger
    settings: Settings
    notices: list[tuple]
    _lock_handle: IO[str]

    @classmethod
    def open(cls, api_base: str, *, demo: bool = False,
             settings: Settings | None = None) -> LocalProfile:
        """`api_base` normalised (api.urls.normalize_base); ProfileBusy if it is in use."""
        settings = settings or Settings.load()
        paths = Paths(profile_name(api_base, demo=demo))
        try:  # a disk already full, or a folder we may not write: our error, not a traceback
            paths.ensure()
            lock = lock_profile(paths)
            library, library_notice = open_library_checked(paths.clips_dir,
                                                           paths.library_index)
            journal, journal_notice = open_journal(paths.journal, library)
        except OSError as error:
            local = local_error_from_os(error, paths.data_dir)
            if local is None:
                raise
            raise local from error
        ledger = Ledger(journal, settings.budget_cap_cents)
        notices = [n for n in (library_notice, journal_notice) if n]
        return cls(paths, journal, library, ledger, settings, notices, lock)

    def close(self) -> None:
        """Give the profile up without a session (start-up stopped before the engine)."""
        self.journal.close()
        self.library.close()
        with contextlib.suppress(OSError):
            self._lock_handle.close()


@dataclass
class Session:
    paths: Paths
    client: ApiClient
    journal: Journal
    library: Library
    ledger: Ledger
    engine: Engine
    _lock_handle: IO[str]

    @classmethod
    def open(
        cls,
        api_base: str,
        api_key: str,
        *,
        demo: bool = False,
        settings: Settings | None = None,
        config: EngineConfig | None = None,
    ) -> Session:
        from ..api.client import ApiClient

        client = ApiClient(api_base, api_key)
        local = LocalProfile.open(str(client.base_url), demo=demo, settings=settings)
        return cls.attach(local, api_key, config=config, client=client)

    @classmethod
    def attach(cls, local: LocalProfile, api_key: str, *, api_base: str | None = None,
               config: EngineConfig | None = None, client: ApiClient | None = None
               ) -> Session:
        """The client and the engine on an opened profile (`api_base`: its API's, unless a
        client is given)."""
        from ..api.client import ApiClient
        from .engine import Engine, EngineConfig
        from .inputs import InputStore

        if client is None:
            client = ApiClient(api_base or "", api_key)
        settings, paths = local.settings, local.paths
        config = config or EngineConfig(max_in_flight=settings.max_in_flight,
                                        adopt_unknown=settings.adopt_unknown)
        engine = Engine(client, local.journal, local.library, paths.staging_dir,
                        ledger=local.ledger, config=config, inputs=InputStore(paths.inputs_dir))
        engine.startup_notices = list(local.notices)
        return cls(paths, client, local.journal, local.library, local.ledger, engine,
                   local._lock_handle)

    async def aclose(self) -> None:
        await self.engine.aclose()
        await self.client.aclose()
        self.journal.close()
        self.library.close()
        with contextlib.suppress(OSError):
            self._lock_handle.close()


def open_library(api_base: str, *, demo: bool = False) -> Library:
    """The library alone (offline browsing, `library` commands): no key, no lock needed."""
    paths = Paths(profile_name(api_base, demo=demo)).ensure()
    library, notice = open_library_checked(paths.clips_dir, paths.library_index)
    if notice is not None:
        print(f"warning: {english(EngineNotice(*notice))}", file=sys.stderr)
    return library
