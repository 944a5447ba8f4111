"""Film windows' one helper beyond `tasks.spawn` / `tasks.ask`: is a widget still there?"""

from __future__ import annotations

import shiboken6


def alive(widget) -> bool:
    """Whether a widget still exists after an await (a window closed meanwhile is deleted)."""
    return shiboken6.isValid(widget)
