"""Frozen entry point (PyInstaller): the same `main` as the `airforce-studio` script."""

import sys

from airforce_studio.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
