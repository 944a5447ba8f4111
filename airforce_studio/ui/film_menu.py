"""Films in the main window: the Storyboard tab, New / Open film and recent films in File.

One call from the window (`install_films`), so the window's own module keeps a single
marked hook-up line for films.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ..api.types import TaskRequest
from ..core.session import Session
from .film_document import recent_films
from .storyboard import StoryboardView
from .tasks import spawn
from .window_attach import add_tab

if TYPE_CHECKING:
    from .main_window import MainWindow

SHOT_FIELDS = ("model", "prompt", "duration_seconds", "aspect_ratio", "quality", "seed",
               "sound")


def shot_fields(request: TaskRequest | None, count: int = 1) -> dict[str, Any] | None:
    """The editor's request as a shot (text to video: a shot's images are file paths).
    The editor's Count becomes the shot's takes per render, so "Add shot from editor" with
    3 variations gives three takes to review side by side."""
    if request is None or not request.prompt.strip():
        return None
    fields = {name: getattr(request, name) for name in SHOT_FIELDS}
    fields["count"] = count if count > 1 else None
    return {k: v for k, v in fields.items() if v is not None}


def install_films(window: MainWindow, session: Session) -> StoryboardView:
    translate = QCoreApplication.translate
    storyboard = StoryboardView(session)
    storyboard.current_request = lambda: shot_fields(window.editor.state.build_request(),
                                                     window.editor.state.count)
    storyboard.openInEditor.connect(
        lambda fields: spawn(window.clip_actions.rerun(fields), name="shot-to-editor"))
    add_tab(window, storyboard, translate("MainWindow", "Storyboard"), "showStoryboard")
    file_menu = window.menuBar().actions()[0].menu()
    first = file_menu.actions()[0]
    new = QAction(translate("MainWindow", "New film…"), window)
    new.setObjectName("actionNewFilm")
    new.triggered.connect(lambda: _show(window, storyboard) or storyboard.new_film())
    opener = QAction(translate("MainWindow", "Open film…"), window)
    opener.setObjectName("actionOpenFilm")
    opener.triggered.connect(lambda: _show(window, storyboard) or storyboard.choose_film())
    recent = QMenu(translate("MainWindow", "Recent films"), window)
    recent.setObjectName("menuRecentFilms")
    file_menu.insertAction(first, new)
    file_menu.insertAction(first, opener)
    file_menu.insertMenu(first, recent)
    file_menu.insertSeparator(first)

    def fill_recent() -> None:
        recent.clear()
        paths = recent_films()
        for path in paths:
            action = recent.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: _open(window, storyboard, p))
        recent.setEnabled(bool(paths))

    gif = QAction(translate("MainWindow", "Export selected clip as GIF / WebP…"), window)
    gif.setObjectName("actionClipAnimation")
    gif.triggered.connect(lambda: clip_animation(window))
    file_menu.insertAction(first, gif)
    file_menu.insertSeparator(first)
    view_menu = window.menuBar().actions()[1].menu()
    compare = QAction(translate("MainWindow", "Compare selected clips…"), window)
    compare.setObjectName("actionCompareClips")
    compare.triggered.connect(lambda: compare_clips(window))
    view_menu.addSeparator()
    view_menu.addAction(compare)

    recent.aboutToShow.connect(fill_recent)
    storyboard.filmOpened.connect(lambda _path: fill_recent())
    fill_recent()
    # attach() runs after the first paint: reading a film never delays it.
    spawn(reopen_last_film(storyboard), name="reopen-last-film")
    return storyboard


async def reopen_last_film(storyboard: StoryboardView) -> bool:
    """The film the user worked on last, in the Storyboard tab (which stays in the back):
    a film moved away since is skipped quietly; File ▸ Recent films still lists it."""
    import asyncio

    paths = recent_films()
    if not paths or not await asyncio.to_thread(paths[0].is_file):
        return False
    if storyboard.document is not None:  # the user opened one meanwhile
        return False
    return await storyboard.open_film(paths[0])


def _show(window: MainWindow, storyboard: StoryboardView) -> None:
    window.tabs.setCurrentWidget(storyboard)


def _open(window: MainWindow, storyboard: StoryboardView, path: Path) -> None:
    _show(window, storyboard)
    spawn(storyboard.open_film(path))


def compare_clips(window: MainWindow):
    """The library's selected clips (2–4) in the compare view."""
    from .film_review import MAX_VIEWS, ReviewWindow

    clips = window.library_view.selected_clips()
    if not 2 <= len(clips) <= MAX_VIEWS:
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "Select 2 to 4 clips in the library to compare them."), 6000)
        return None
    review = ReviewWindow.for_clips(window.session.library, clips, window)
    review.show()
    return review


def clip_animation(window: MainWindow):
    """The library's selected clip, or a range of it, as a GIF or WebP."""
    from .export_clip import ClipExportDialog

    clips = window.library_view.selected_clips()
    if len(clips) != 1:
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "Select one clip in the library first."), 6000)
        return None
    dialog = ClipExportDialog(window.session.library, clips[0], None, window)
    dialog.show()
    return dialog
