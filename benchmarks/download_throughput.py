"""Download of a large result: our resumable, hashing, credential-free fetch against curl.

    .venv/bin/python -m benchmarks.download_throughput [--mb 200] [--runs 5]

A static server (aiohttp's sendfile-backed FileResponse, in its own process) serves the
same file to both; each trial runs in a fresh process that downloads twice: cold (first
use of the connection pool and worker threads) and warm (what a running app sees).
Reported: median throughputs, their ratios to curl, and the peak RSS growth of the warm
download (VmHWM after, reset before).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import median, table

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
import asyncio, json, sys, time
from pathlib import Path
import httpx
from airforce_studio.api.download import download

def rss_kib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])

async def main(url, dest):
    with httpx.Client(timeout=60) as client:
        started = time.perf_counter()
        await download(client, url, Path(dest))  # cold: first use of pool and threads
        cold = time.perf_counter() - started
        Path(dest).unlink()
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM: measure the warm download alone
        before = rss_kib("VmRSS:")
        started = time.perf_counter()
        result = await download(client, url, Path(dest))
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "cold_seconds": cold, "bytes": result.size,
                      "rss_growth_kib": rss_kib("VmHWM:") - before}))

asyncio.run(main(sys.argv[1], sys.argv[2]))
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


def run_ours(url: str, dest: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CLIENT, url, str(dest)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def run_curl(url: str, dest: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["curl", "-sS", "-o", str(dest), url], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not shutil.which("curl"):
        sys.exit("curl is needed as the baseline (apt-get install curl)")
    with tempfile.TemporaryDirectory(prefix="airforce-dl-") as folder:
        source = Path(folder) / "big.mp4"
        with open(source, "wb") as file:
            for _ in range(args.mb):
                file.write(os.urandom(1 << 20))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(source), str(port)])
        try:
            wait_listening(port)
            url = f"http://127.0.0.1:{port}/big.mp4"
            ours, cold, curls, growth = [], [], [], []
            for run in range(args.runs):
                dest = Path(folder) / f"ours-{run}.mp4"
                result = run_ours(url, dest)
                assert result["bytes"] == source.stat().st_size
                ours.append(result["bytes"] / result["seconds"])
                cold.append(result["bytes"] / result["cold_seconds"])
                growth.append(result["rss_growth_kib"] / 1024)
                dest.unlink()
                curl_dest = Path(folder) / f"curl-{run}.mp4"
                curls.append(source.stat().st_size / run_curl(url, curl_dest))
                curl_dest.unlink()
        finally:
            server.terminate()
            server.wait()
    mb = 1 << 20
    print(table([
        ("client", "median throughput", "peak RSS growth (median)"),
        ("airforce download(), warm", f"{median(ours) / mb:.0f} MB/s",
         f"{median(growth):.1f} MB"),
        ("airforce download(), cold", f"{median(cold) / mb:.0f} MB/s", "-"),
        ("curl", f"{median(curls) / mb:.0f} MB/s", "-"),
    ]))
    print(f"ratio ours/curl: warm {median(ours) / median(curls):.2f}×, "
          f"cold {median(cold) / median(curls):.2f}× "
          f"({args.runs} runs of {args.mb} MB each)")


if __name__ == "__main__":
    main()
