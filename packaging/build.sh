#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller, then proves it: --version and --self-test
# run from the bundle, and the .desktop and AppStream files validate.
#   bash packaging/build.sh          (after `bash .ci/setup`)
# Output: dist/airforce-studio/ (launchers airforce-studio and airforce-studio-gui).
set -euo pipefail
cd "$(dirname "$0")/.."
PYINSTALLER_VERSION=6.22.3

.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller==$PYINSTALLER_VERSION"
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/airforce-studio.spec
elapsed=$(( $(date +%s) - started ))

bundle=dist/airforce-studio
"$bundle/airforce-studio" --version
QT_QPA_PLATFORM=offscreen "$bundle/airforce-studio" --self-test

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate resources/airforce-studio.desktop
  appstreamcli validate --no-net resources/io.github.airforce_studio.AirforceStudio.metainfo.xml
fi
echo "bundle: $(du -sh "$bundle" | cut -f1) in $bundle, built in ${elapsed} s"
