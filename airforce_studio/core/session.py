"""One profile opened for work: client, journal, library, ledger and engine, wired once.

The GUI and the CLI both build exactly this, so they behave the same. A lock file keeps
two processes from driving one profile's journal at once (they would race to archive).
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from typing import IO

from .. import lockfile
from ..api.client import ApiClient
from ..errors import LocalStorageError, local_error_from_os
from .databases import open_journal
from .databases import open_library as open_library_checked
from .engine import Engine, EngineConfig
from .events import EngineNotice, english
from .inputs import InputStore
from .journal import Journal
from .ledger import Ledger
from .library import Library
from .paths import Paths, profile_name
from .settings import Settings


class ProfileBusy(LocalStorageError):
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
        settings = settings or Settings.load()
        client = ApiClient(api_base, api_key)
        paths = Paths(profile_name(str(client.base_url), demo=demo))
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
        config = config or EngineConfig(max_in_flight=settings.max_in_flight,
                                        adopt_unknown=settings.adopt_unknown)
        engine = Engine(client, journal, library, paths.staging_dir, ledger=ledger,
                        config=config, inputs=InputStore(paths.inputs_dir))
        engine.startup_notices = [n for n in (library_notice, journal_notice) if n]
        return cls(paths, client, journal, library, ledger, engine, lock)

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
