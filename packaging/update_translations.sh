#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile every catalogue.
#
#   bash packaging/update_translations.sh          # lupdate + lrelease
#   bash packaging/update_translations.sh --release  # lrelease only (after editing a .ts)
#
# lupdate reads every tr() / translate() / QT_TRANSLATE_NOOP of the window (airforce_studio/ui
# and the composition root, app.py) into resources/i18n/airforce_studio_id.ts: new strings
# arrive as "unfinished", strings gone from the code are dropped. The English catalogue holds
# only the plural forms ("%n clip(s)" → "1 clip" / "2 clips"); English is the source text.
# qtbase_id.ts (Qt's own strings: dialog buttons, context menus, file dialog) has no sources
# here and is only compiled. The .qm files are committed: the app, the wheel and the
# PyInstaller bundle load them from resources/i18n without a build step, and
# tests/gui/test_translations.py fails when a committed .qm is older than its .ts.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${PYSIDE_BIN:-.venv/bin}"
I18N=resources/i18n
SOURCES=(airforce_studio/ui airforce_studio/app.py)
COMMON=(-extensions py -locations none -no-obsolete -source-language en_US -silent)

if [ "${1:-}" != "--release" ]; then
  "$BIN/pyside6-lupdate" "${COMMON[@]}" -target-language id_ID "${SOURCES[@]}" \
    -ts "$I18N/airforce_studio_id.ts"
  "$BIN/pyside6-lupdate" "${COMMON[@]}" -target-language en_US -pluralonly "${SOURCES[@]}" \
    -ts "$I18N/airforce_studio_en.ts"
fi

for ts in "$I18N"/*.ts; do
  # -nounfinished: an unfinished entry may be lupdate's guess from a similar string
  "$BIN/pyside6-lrelease" -silent -nounfinished "$ts" -qm "${ts%.ts}.qm"
done

# What is left for a translator: unfinished entries per catalogue.
for ts in "$I18N"/*.ts; do
  left=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$(basename "$ts"): $left unfinished"
done
