"""The installable app: the PyInstaller bundle builds, starts and passes its self-test;
the desktop integration files validate with the freedesktop tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from airforce_studio import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_desktop_file_and_metainfo_validate():
    if not shutil.which("desktop-file-validate") or not shutil.which("appstreamcli"):
        pytest.skip("desktop-file-utils / appstream not installed (.ci/setup installs them)")
    subprocess.run(["desktop-file-validate", str(ROOT / "resources" / "airforce-studio.desktop")],
                   check=True)
    metainfo = ROOT / "resources" / "io.github.airforce_studio.AirforceStudio.metainfo.xml"
    subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], check=True,
                   capture_output=True)
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (ROOT / "resources" / "icons" / f"airforce-studio-{size}.png").stat().st_size


def test_bundle_builds_and_passes_its_self_test(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (it comes with the test extras)")
    subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
                    str(ROOT / "packaging" / "airforce-studio.spec")], check=True, cwd=ROOT,
                   timeout=900)
    bundle = tmp_path / "dist" / "airforce-studio"
    version = subprocess.run([str(bundle / "airforce-studio"), "--version"], check=True,
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"airforce-studio {__version__}"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(bundle / "airforce-studio"), "--self-test"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "self-test passed" in result.stdout and "archived and decodes" in result.stdout
    assert (bundle / "airforce-studio-gui").exists()
    assert (bundle / "_internal" / "airforce_studio" / "resources" / "airforce-studio.svg").exists()
    for catalogue in ("airforce_studio_id.qm", "qtbase_id.qm", "airforce_studio_en.qm"):
        assert (bundle / "_internal" / "airforce_studio" / "resources" / "i18n" / catalogue
                ).stat().st_size
