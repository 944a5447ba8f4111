"""Films: a shot list rendered through the engine, chained by frames, assembled to MP4.

Plain asyncio and worker threads, events through callbacks, no printing: the CLI
(`cli_film.py`) and, later, the window's Storyboard both drive this package.
"""
