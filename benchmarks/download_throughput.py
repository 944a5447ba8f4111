"""Download of a large result: our resumable, hashing, credential-free fetch against curl.

    .venv/bin/python -m benchmarks.download_throughput [--mb 200] [--runs 5] [--dir DIR]

A static server (aiohttp's sendfile-backed FileResponse, in its own process) serves the
same random file to both over loopback. Each run times four transfers in alternating
order (the order flips every run): ours and curl, each durable and not.

- Durable: ours is `download()` as the app calls it (sha256 on the way, fsync, rename);
  curl's time is its own `time_total` plus an fsync of its file (what `sync FILE` does),
  so curl pays no process start-up.
- Not durable: ours with the final fsync skipped (a benchmark-only patch of the commit
  step), curl alone.

Ours runs in a fresh process that downloads twice: cold (first use of the SSL context,
threads and buffers) and warm (what a running app sees; the figure compared). Every file
is checked against the source's sha256 (curl's after its timing). RSS growth is the warm
download's peak (VmHWM, reset before) minus the RSS before it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import header, load, median, spread, table

SERVER = """
import sys
from aiohttp import web
path = sys.argv[1]
async def serve(request):
    return web.FileResponse(path)
app = web.Application()
app.router.add_get("/big.mp4", serve)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[2]), print=None, access_log=None)
"""

CLIENT = """
import asyncio, json, os, sys, time
from pathlib import Path
import httpx
from airforce_studio.api import download as module

url, dest, expected, durable = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
if not durable:
    def commit(self, target):
        self.file.flush()
        self.file.close()
        os.replace(self.path, target)
    module._PartFile.commit = commit

def rss_kib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])

async def main():
    # The client the app builds for the result host (ApiClient._files).
    with httpx.Client(headers={"User-Agent": "bench"}, timeout=httpx.Timeout(30, connect=10),
                      follow_redirects=True) as client:
        started = time.perf_counter()
        result = await module.download(client, url, dest)
        cold = time.perf_counter() - started
        assert result.sha256 == expected, "cold download: sha256 mismatch"
        dest.unlink()
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM: measure the warm download alone
        before = rss_kib("VmRSS:")
        started = time.perf_counter()
        result = await module.download(client, url, dest)
        seconds = time.perf_counter() - started
        assert result.sha256 == expected, "warm download: sha256 mismatch"
    print(json.dumps({"seconds": seconds, "cold_seconds": cold, "bytes": result.size,
                      "rss_growth_kib": rss_kib("VmHWM:") - before}))

asyncio.run(main())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_listening(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("static server did not start")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def run_ours(url: str, dest: Path, expected: str, durable: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", CLIENT, url, str(dest), expected,
                          "1" if durable else "0"], check=True, capture_output=True, text=True)
    dest.unlink()
    return json.loads(out.stdout)


def run_curl(url: str, dest: Path, expected: str, durable: bool) -> float:
    out = subprocess.run(["curl", "-sS", "-o", str(dest), "-w", "%{time_total}", url],
                         check=True, capture_output=True, text=True)
    seconds = float(out.stdout.strip())
    if durable:
        started = time.perf_counter()
        fd = os.open(dest, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        seconds += time.perf_counter() - started
    if sha256_of(dest) != expected:
        raise RuntimeError("curl's file does not match the source's sha256")
    dest.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=None, help="where files are written (default: "
                        "a temporary folder; pick a folder on the disk clips would go to)")
    args = parser.parse_args()
    if not shutil.which("curl"):
        sys.exit("curl is needed as the baseline (apt-get install curl)")
    print(header(f"download_throughput: {args.mb} MB, {args.runs} alternating runs"))
    mb = 1 << 20
    speeds: dict[str, list[float]] = {k: [] for k in ("ours-d", "curl-d", "ours-n", "curl-n",
                                                      "ours-d-cold")}
    ratios: dict[str, list[float]] = {"d": [], "n": []}
    growth: list[float] = []
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="airforce-dl-", dir=args.dir) as folder:
        source = Path(folder) / "big.mp4"
        with open(source, "wb") as file:
            for _ in range(args.mb):
                file.write(os.urandom(mb))
        size, expected = source.stat().st_size, sha256_of(source)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(source), str(port)])
        try:
            wait_listening(port)
            url = f"http://127.0.0.1:{port}/big.mp4"
            for run in range(args.runs):
                order = ["ours", "curl"] if run % 2 == 0 else ["curl", "ours"]
                got: dict[str, float] = {}
                for durable in (True, False):
                    suffix = "d" if durable else "n"
                    for who in order:
                        dest = Path(folder) / f"{who}-{run}.mp4"
                        if who == "ours":
                            result = run_ours(url, dest, expected, durable)
                            assert result["bytes"] == size
                            got[f"ours-{suffix}"] = size / result["seconds"]
                            if durable:
                                got["ours-d-cold"] = size / result["cold_seconds"]
                                growth.append(result["rss_growth_kib"] / 1024)
                        else:
                            got[f"curl-{suffix}"] = size / run_curl(url, dest, expected,
                                                                    durable)
                for key, value in got.items():
                    speeds[key].append(value)
                ratios["d"].append(got["ours-d"] / got["curl-d"])
                ratios["n"].append(got["ours-n"] / got["curl-n"])
                loads.append(os.getloadavg()[0])
                print(f"run {run + 1}/{args.runs}: durable ours {got['ours-d'] / mb:.0f} "
                      f"curl {got['curl-d'] / mb:.0f} MiB/s ({ratios['d'][-1]:.2f}×); "
                      f"not durable ours {got['ours-n'] / mb:.0f} curl {got['curl-n'] / mb:.0f}"
                      f" MiB/s ({ratios['n'][-1]:.2f}×); RSS +{growth[-1]:.1f} MB; {load()}",
                      flush=True)
        finally:
            server.terminate()
            server.wait()
    scale = 1 / mb
    print(table([
        ("client (MiB/s: median [min–max])", "durable", "not durable"),
        ("airforce download(), warm", spread(speeds["ours-d"], scale=scale),
         spread(speeds["ours-n"], scale=scale)),
        ("airforce download(), cold", spread(speeds["ours-d-cold"], scale=scale), "-"),
        ("curl", spread(speeds["curl-d"], scale=scale), spread(speeds["curl-n"], scale=scale)),
        ("ratio ours/curl, paired per run", spread(ratios["d"], "{:.2f}") + "×",
         spread(ratios["n"], "{:.2f}") + "×"),
    ]))
    print(f"RSS growth of the warm download: {spread(growth, '{:.1f}')} MB; "
          f"1-min load over the runs {min(loads):.2f}–{max(loads):.2f}, now {load()} "
          f"({args.runs} runs of {args.mb} MB, median ratio durable "
          f"{median(ratios['d']):.2f}×)")


if __name__ == "__main__":
    main()
