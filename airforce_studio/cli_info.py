"""The informational commands: models, the server's tasks, the library, the key, the
simulator. None of them queues or pays for anything."""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from .api.client import ApiClient
from .api.types import TaskStatus
from .cli_common import CliError, need_key
from .core import secrets
from .core.session import open_library
from .errors import EXIT_INVALID, EXIT_OK


async def cmd_models(args: argparse.Namespace, base: str, key: str | None) -> int:
    async with ApiClient(base, need_key(key)) as client:
        models = await client.list_models()
    for m in models:
        caps = m.caps
        if args.json:
            print(json.dumps({"id": m.id, "modes": caps.modes, "aspect_ratios": caps.aspect_ratios,
                              "qualities": caps.qualities, "min_duration_s": caps.min_duration_s,
                              "max_duration_s": caps.max_duration_s,
                              "price_per_second_cents": caps.price_per_second_cents,
                              "supports_sound": m.supports_sound,
                              "supports_seed": m.supports_seed}))
        else:
            print(f"{m.id:16} {caps.min_duration_s}-{caps.max_duration_s}s "
                  f"{'/'.join(caps.modes):22} {','.join(caps.aspect_ratios):20} "
                  f"{','.join(caps.qualities):18} {caps.price_per_second_cents}¢/s")
    return EXIT_OK


async def cmd_tasks(args: argparse.Namespace, base: str, key: str | None) -> int:
    status = TaskStatus(args.status) if args.status else None
    async with ApiClient(base, need_key(key)) as client:
        tasks = await client.list_tasks(limit=args.limit, status=status)
    for t in tasks:
        if args.json:
            print(json.dumps({"task_id": t.task_id, "status": str(t.status), "model": t.model,
                              "duration_seconds": t.duration_seconds, "created": t.created,
                              "expires_at": t.expires_at, "cost_cents": t.cost_cents,
                              "progress": t.progress}))
        else:
            print(f"{t.task_id:24} {t.status:10} {t.model or '?':14} "
                  f"{t.duration_seconds or '?'}s {t.cost_cents or 0}¢")
    return EXIT_OK


def cmd_library(args: argparse.Namespace, base: str) -> int:
    library = open_library(base, demo=args.demo)
    try:
        if args.action == "rebuild":
            count = library.rebuild()
            print(json.dumps({"clips": count}) if args.json else f"{count} clips indexed")
            return EXIT_OK
        for clip in library.search(args.search or ""):
            path = str(library.absolute(clip.file))
            if args.json:
                print(json.dumps({"task_id": clip.task_id, "file": path, "prompt": clip.prompt,
                                  "model": clip.model, "seed": clip.seed,
                                  "created": clip.created, "favourite": clip.favourite}))
            else:
                print(f"{path}\t{clip.model}\t{clip.prompt[:60]}")
        return EXIT_OK
    finally:
        library.close()


def cmd_key(args: argparse.Namespace, base: str) -> int:
    store = secrets.KeyStore.for_api_base(base)
    if args.action == "set":
        key = sys.stdin.readline().strip() if not sys.stdin.isatty() else getpass.getpass(
            "API key (input hidden): ")
        if not key:
            raise CliError("no key given", EXIT_INVALID)
        where = store.save(key)
        message = ("saved in the keyring" if where == "keyring"
                   else "no keyring available: the key was NOT saved")
        print(json.dumps({"saved": where == "keyring", "backend": secrets.backend_name()})
              if args.json else f"{message} ({secrets.backend_name()})")
        return EXIT_OK if where == "keyring" else EXIT_INVALID
    if args.action == "delete":
        removed = store.delete()
        print(json.dumps({"deleted": removed}) if args.json else
              ("key removed" if removed else "no key was stored"))
        return EXIT_OK
    source = store.load()
    status = {"configured": source.key is not None, "source": source.origin,
              "backend": secrets.backend_name(), "keyring_available": secrets.keyring_available()}
    print(json.dumps(status) if args.json else
          f"key: {'set' if source.key else 'not set'} (from {source.origin}); "
          f"keyring backend: {status['backend']}")
    return EXIT_OK


def cmd_simulator(args: argparse.Namespace) -> int:
    from .simulator import Knobs, Simulator
    from .simulator.server import serve_forever

    knobs = Knobs.from_arguments(args)

    def announce(sim: Simulator) -> None:
        print(f"AIRFORCE_API_BASE={sim.api_base}")
        print(f"AIRFORCE_API_KEY={sim.key}")
        print(f"# result host: {sim.cdn_base}; Ctrl+C stops", flush=True)

    serve_forever(knobs, args.port, args.cdn_port, args.balance, announce,
                  state_dir=args.state_dir)
    return EXIT_OK
