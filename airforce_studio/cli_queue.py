"""`queue` (list, cancel waiting items) and `tasks delete`: the queue from a terminal.

Only items still waiting in the local queue can be cancelled: once a create was sent the
task is paid, and the provider has no cancel. `tasks delete` removes a task (and its MP4)
at the provider, without refund, and asks for `--yes` first.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from .api.client import ApiClient
from .cli_common import CliError, api_base, need_key
from .core.databases import open_journal, open_library
from .core.events import EngineNotice, english
from .core.journal import FINAL_STATES, Item, ItemState, Journal
from .core.ledger import money
from .core.paths import Paths, profile_name
from .core.session import lock_profile
from .errors import EXIT_INVALID, EXIT_OK

PROMPT_CHARS = 40


def add_arguments(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    queue = sub.add_parser("queue", parents=[common],
                           help="list unfinished clips, or cancel waiting ones")
    queue.add_argument("action", nargs="?", choices=["cancel"])
    queue.add_argument("ids", nargs="*", type=int, metavar="ID")
    queue.add_argument("--all-waiting", action="store_true",
                       help="with cancel: every clip still waiting to be sent")


def _journal(demo: bool) -> tuple[Paths, Journal]:
    """The journal, rebuilt from the clips' sidecars if it is corrupt, as every command
    does (opening it bare would move a corrupt one aside and leave an empty journal that
    no later command rebuilds: the debits and the monthly budget silently gone)."""
    paths = Paths(profile_name(api_base(demo), demo=demo)).ensure()
    library, library_notice = open_library(paths.clips_dir, paths.library_index)
    try:
        journal, journal_notice = open_journal(paths.journal, library)
    finally:
        library.close()
    for notice in (library_notice, journal_notice):
        if notice is not None:
            print(f"warning: {english(EngineNotice(*notice))}", file=sys.stderr)
    return paths, journal


def _row(item: Item) -> dict[str, object]:
    return {"item_id": item.id, "state": str(item.state), "task_id": item.task_id,
            "prompt": item.prompt, "model": item.model, "cost_cents": item.cost_cents}


def cmd_queue(args: argparse.Namespace) -> int:
    if args.action == "cancel":
        return _cancel(args)
    if args.ids or args.all_waiting:
        raise CliError("IDs and --all-waiting go with `queue cancel`", EXIT_INVALID)
    _, journal = _journal(args.demo)
    try:
        items = [i for i in journal.items() if i.state not in FINAL_STATES]
    finally:
        journal.close()
    for item in items:
        if args.json:
            print(json.dumps(_row(item)))
        else:
            prompt = item.prompt.replace("\n", " ")
            short = prompt if len(prompt) <= PROMPT_CHARS else prompt[:PROMPT_CHARS - 1] + "…"
            cost = money(item.cost_cents) if item.cost_cents is not None else "?"
            print(f"{item.id:>5}  {item.state:15} {cost:>8}  {short}")
    if not items and not args.json:
        print("the queue is empty")
    return EXIT_OK


def _cancel(args: argparse.Namespace) -> int:
    if not args.ids and not args.all_waiting:
        raise CliError("say which: `queue cancel ID...` or `queue cancel --all-waiting`",
                       EXIT_INVALID)
    paths, journal = _journal(args.demo)
    lock = lock_profile(paths)  # a running command could be sending these right now
    try:
        waiting = {i.id for i in journal.items([ItemState.QUEUED])}
        chosen = sorted(waiting) if args.all_waiting else list(dict.fromkeys(args.ids))
        refused: list[str] = []
        cancelled: list[int] = []
        for item_id in chosen:
            try:
                item = journal.get(item_id)
            except (KeyError, OverflowError):
                refused.append(f"clip {item_id}: no such clip in this profile's queue")
                continue
            if item.id in waiting:
                journal.update(item.id, state=ItemState.CANCELLED)
                cancelled.append(item.id)
            elif item.task_id:
                refused.append(
                    f"clip {item.id} was already sent (task {item.task_id}, {item.state}): "
                    f"the provider has no cancel; `airforce-studio tasks delete "
                    f"{item.task_id} --yes` removes it at the provider, without refund")
            else:
                refused.append(f"clip {item.id} is {item.state}, not waiting")
    finally:
        journal.close()
        with contextlib.suppress(OSError):
            lock.close()
    for item_id in cancelled:
        print(json.dumps({"item_id": item_id, "cancelled": True}) if args.json
              else f"clip {item_id} cancelled")
    if args.all_waiting and not chosen and not args.json:
        print("no clip is waiting")
    if refused:
        raise CliError("\n".join(refused), EXIT_INVALID)
    return EXIT_OK


async def cmd_tasks_delete(args: argparse.Namespace, base: str, key: str | None) -> int:
    if not args.task_id:
        raise CliError("say which task: `tasks delete TASK_ID --yes`", EXIT_INVALID)
    if not args.yes:
        raise CliError(f"deleting {args.task_id} removes the task and its video at the "
                       f"provider, without refund; add --yes to delete it", EXIT_INVALID)
    async with ApiClient(base, need_key(key)) as client:
        await client.delete_task(args.task_id)
    print(json.dumps({"task_id": args.task_id, "deleted": True}) if args.json
          else f"task {args.task_id} deleted at the provider (not refunded)")
    return EXIT_OK
