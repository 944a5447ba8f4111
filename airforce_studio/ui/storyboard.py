"""The Storyboard tab: the open film's shots as cards in a row, and where films start.

Cards are dragged to reorder; "+ Chain from this shot" picks a frame of the take on its
filmstrip; a double-click opens the shot in the editor. Render / Regenerate stale (the
cost shown first), Review and Export start here. Every change is saved to the film file
at once (`FilmDocument`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.film.shotlist import SUFFIX, ShotListError
from ..core.session import Session
from .film_document import FilmDocument
from .i18n import arg, money, number
from .storyboard_cards import CARD, SHOT_ROLE, ShotCardDelegate, chain_rect
from .storyboard_render import render_with_cost
from .tasks import spawn


class StoryboardView(QWidget):
    """The tab. `current_request()` (set by the window) gives the editor's request as a dict."""

    openInEditor = Signal(object)  # the shot's request fields, as a dict
    filmOpened = Signal(str)  # path: the window refreshes its recent-films menu

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyboard")
        self.session = session
        self.document: FilmDocument | None = None
        self.current_request: Callable[[], dict[str, Any] | None] = lambda: None
        self._posters: dict[str, QPixmap] = {}
        self._loading: set[str] = set()
        self._syncing = False
        self.job: asyncio.Task | None = None  # the running render, if any
        self.cost_box: QMessageBox | None = None  # the render's cost question while it is up

        self.title = QLabel(self.tr("No film open. Make one from the editor's settings, or "
                                    "open a shot list (*.afilm.json)."))
        self.title.setObjectName("filmTitle")
        self.title.setWordWrap(True)
        # Actions, not widgets: on a narrow window the ones that do not fit go to the bar's
        # » menu with their words (a QPushButton added with addWidget was simply cut off).
        self.buttons: dict[str, QAction] = {}
        bar = QToolBar()
        bar.setObjectName("filmToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name, text, slot in (
                ("new", self.tr("New film…"), self.new_film),
                ("open", self.tr("Open…"), self.choose_film),
                ("add", self.tr("Add shot from editor"), self.add_from_editor),
                ("update", self.tr("Update shot from editor"), self.update_from_editor),
                ("render", self.tr("Render…"), lambda: self.confirm_render(stale=False)),
                ("stale", self.tr("Regenerate stale…"), lambda: self.confirm_render(stale=True)),
                ("review", self.tr("Review takes…"), self.review),
                ("export", self.tr("Export…"), self.export),
                ("remove", self.tr("Remove shot"), self.remove_selected)):
            action = bar.addAction(text)
            action.setObjectName(f"film_{name}")
            action.setIconText(text)  # a tool button would drop the "…" that says "asks first"
            action.triggered.connect(lambda _c=False, s=slot: s())
            button = bar.widgetForAction(action)
            button.setObjectName(f"film_{name}")
            button.setAccessibleName(text.rstrip("…"))
            button.setAutoRaise(False)  # framed: it reads as a button, as before
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # keyboard users reach it
            self.buttons[name] = action
        self.toolbar = bar
        self.status = QLabel()
        self.status.setObjectName("filmStatus")
        self.status.setWordWrap(True)

        self.cards = QListWidget()
        self.cards.setObjectName("shotCards")
        self.cards.setFlow(QListView.Flow.LeftToRight)
        self.cards.setWrapping(False)
        self.cards.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.cards.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.cards.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.cards.setSpacing(4)
        self.cards.setItemDelegate(ShotCardDelegate(self._card_for, self.cards))
        self.cards.setAccessibleName(self.tr("Shots of the film"))
        # A drop moves rows (or, in some styles, inserts then removes them): sync once after.
        for signal in (self.cards.model().rowsMoved, self.cards.model().rowsRemoved):
            signal.connect(lambda *_: QTimer.singleShot(0, self._order_changed))
        self.cards.itemDoubleClicked.connect(self._open_in_editor)
        self.cards.itemSelectionChanged.connect(self._update_buttons)
        self.cards.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(bar)
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.status)
        self._update_buttons()

    # -- the document ---------------------------------------------------------------------

    async def open_film(self, path: Path) -> bool:
        try:
            document = await FilmDocument.open(path, self.session)
        except ShotListError as error:
            self.status.setText(str(error))
            return False
        self.set_document(document)
        return True

    def set_document(self, document: FilmDocument) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._rebuild)
        self.document = document
        # Queued: render news arrives inside the engine's own call; cards redraw after it.
        document.changed.connect(self._rebuild, Qt.ConnectionType.QueuedConnection)
        document.problem.connect(self.status.setText)
        document.saved.connect(lambda path: self.status.setText(
            arg(self.tr("Saved %1"), Path(path).name)))
        self.filmOpened.emit(str(document.path))
        self._rebuild()

    def _rebuild(self) -> None:
        document = self.document
        if document is None:
            return
        film = document.film
        self.title.setText(arg(self.tr("<b>%1</b> — %2"), film.title or film.path.name,
                               str(film.path)))
        self._syncing = True
        try:
            selected = self.selected_shot()
            ids = [s.id for s in film.shots]
            if [self.cards.item(i).data(SHOT_ROLE) for i in range(self.cards.count())] != ids:
                self.cards.clear()
                for shot_id in ids:
                    item = QListWidgetItem()
                    item.setData(SHOT_ROLE, shot_id)
                    item.setToolTip(film.shot(shot_id).prompt)
                    self.cards.addItem(item)
            for row in range(self.cards.count()):
                item = self.cards.item(row)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             self._describe(item.data(SHOT_ROLE)))
                if item.data(SHOT_ROLE) == selected:
                    item.setSelected(True)
        finally:
            self._syncing = False
        self.cards.viewport().update()
        self._update_buttons()
        for shot in film.shots:
            if shot.take and shot.take not in self._posters and shot.take not in self._loading:
                spawn(self._load_poster(shot.take))

    def _describe(self, shot_id: str) -> str:
        assert self.document is not None
        card = self.document.card(shot_id)
        return f"{shot_id}: {self.document.film.shot(shot_id).prompt} ({card.state})"

    def _card_for(self, shot_id: str):
        document = self.document
        if document is None or shot_id is None:
            return None
        try:
            shot = document.film.shot(shot_id)
        except KeyError:
            return None
        return document.card(shot_id), shot, self._posters.get(shot.take or "")

    async def _load_poster(self, task_id: str) -> None:
        library = self.session.library
        if task_id not in library or not library.get(task_id).thumbnail:
            return
        self._loading.add(task_id)
        path = library.absolute(library.get(task_id).thumbnail or "")
        try:
            image = await asyncio.to_thread(QImage, str(path))
        finally:
            self._loading.discard(task_id)
        if not image.isNull():
            self._posters[task_id] = QPixmap.fromImage(image)
            self.cards.viewport().update()

    def card_state(self, shot_id: str) -> str:
        """The state the card of `shot_id` shows (tests and accessibility)."""
        assert self.document is not None
        return self.document.card(shot_id).state

    def selected_shot(self) -> str | None:
        items = self.cards.selectedItems()
        return items[0].data(SHOT_ROLE) if items else None

    def _update_buttons(self) -> None:
        document = self.document
        has = document is not None
        busy = self.job is not None and not self.job.done()
        needs = has and any(document.card(s.id).state in ("needs-take", "failed")
                            for s in document.film.shots)
        stale = has and any(document.card(s.id).state == "stale" for s in document.film.shots)
        self.buttons["add"].setEnabled(has)
        self.buttons["update"].setEnabled(has and self.selected_shot() is not None and not busy)
        self.buttons["render"].setEnabled(has and needs and not busy)
        self.buttons["stale"].setEnabled(has and stale and not busy)
        text = arg(self.tr("Regenerate stale (%1)…"), money(
            document.stale_cents())) if stale else self.tr("Regenerate stale…")
        self.buttons["stale"].setText(text)
        self.buttons["stale"].setIconText(text)
        self.buttons["review"].setEnabled(has and self.selected_shot() is not None)
        self.buttons["export"].setEnabled(has and not busy)
        self.buttons["remove"].setEnabled(has and self.selected_shot() is not None and not busy)

    # -- gestures -------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if watched is self.cards.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            point: QPoint = event.position().toPoint()
            index = self.cards.indexAt(point)
            card = self.cards.visualRect(index).adjusted(4, 4, -4, -4)
            card.setHeight(min(card.height(), CARD.height() - 8))
            if index.isValid() and chain_rect(card).contains(point):
                self.chain_from(index.data(SHOT_ROLE))
                return True
        return super().eventFilter(watched, event)

    def _order_changed(self) -> None:
        if self._syncing or self.document is None:
            return
        ids = [self.cards.item(i).data(SHOT_ROLE) for i in range(self.cards.count())]
        current = [s.id for s in self.document.film.shots]
        if ids == current:
            return
        if sorted(ids) != sorted(current):  # not a reorder (a half-finished drop): redraw
            self._rebuild()
            return
        spawn(self.document.reorder(ids))

    def _open_in_editor(self, item: QListWidgetItem) -> None:
        if self.document is None:
            return
        shot = self.document.film.shot(item.data(SHOT_ROLE))
        fields = {"model": shot.model, "prompt": shot.prompt, "mode": shot.mode,
                  "duration_seconds": shot.duration_seconds, "aspect_ratio": shot.aspect_ratio,
                  "quality": shot.quality, "seed": shot.seed, "sound": shot.sound}
        self.openInEditor.emit({k: v for k, v in fields.items() if v is not None})

    def chain_from(self, shot_id: str):
        """Pick the frame on the take's filmstrip, then add the chained shot after it."""
        from .film_frame_picker import FramePicker

        document = self.document
        if document is None:
            return None
        shot = document.film.shot(shot_id)
        if shot.take is None or shot.take not in self.session.library:
            self.status.setText(arg(self.tr("Shot %1 has no take yet: render it first, then "
                                            "chain from a frame of it."), shot_id))
            return None
        picker = FramePicker(self.session.library, self.session.library.get(shot.take), self)
        picker.picked.connect(lambda frame: spawn(self._chain(shot_id, frame)))
        picker.open()
        return picker

    async def _chain(self, shot_id: str, frame) -> None:
        assert self.document is not None
        new_id = await self.document.chain_from(shot_id, frame)
        where = (self.tr("the last frame") if frame == "last"
                 else arg(self.tr("%1 s"), number(frame, 2)))
        self.status.setText(arg(self.tr("Shot %1 continues from %2 of shot %3."), new_id, where,
                                shot_id))

    # -- buttons --------------------------------------------------------------------------

    def new_film(self) -> None:
        request = self.current_request()
        if request is None:
            self.status.setText(self.tr("Choose a model and write a prompt in the editor "
                                        "first: it becomes the first shot."))
            return
        dialog = QFileDialog(self, self.tr("New film"), str(Path.home()),
                             self.tr("Shot lists (*.afilm.json)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda name: spawn(self.create_film(Path(name), request)))
        dialog.open()

    async def create_film(self, path: Path, request: dict[str, Any]) -> None:
        if not path.name.endswith(SUFFIX):
            path = path.with_name(path.name.split(".")[0] + SUFFIX)
        try:
            document = await FilmDocument.create(path, self.session, dict(request))
        except ShotListError as error:
            self.status.setText(str(error))
            return
        self.set_document(document)

    def choose_film(self) -> None:
        dialog = QFileDialog(self, self.tr("Open a film"), str(Path.home()),
                             self.tr("Shot lists (*.afilm.json)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: spawn(self.open_film(Path(name))))
        dialog.open()

    def add_from_editor(self) -> None:
        request = self.current_request()
        if self.document is None or request is None:
            self.status.setText(self.tr("Choose a model and write a prompt in the editor "
                                        "first."))
            return
        spawn(self.document.add_shot(request))

    def update_from_editor(self) -> None:
        """The selected shot takes the editor's settings (it, and its chain, turn stale)."""
        request = self.current_request()
        shot_id = self.selected_shot()
        if self.document is None or request is None or shot_id is None:
            self.status.setText(self.tr("Select a shot, and set the editor first."))
            return
        spawn(self.document.update(shot_id, **{"count": None, **request}))  # 1 when unset

    def remove_selected(self) -> None:
        shot_id = self.selected_shot()
        if self.document is not None and shot_id is not None:
            spawn(self.document.remove_shot(shot_id))

    def confirm_render(self, *, stale: bool) -> asyncio.Task:
        self.job = spawn(self.render(stale=stale))
        self.job.add_done_callback(lambda _job: self._update_buttons())
        self._update_buttons()
        return self.job

    async def render(self, *, stale: bool, confirm: bool = True) -> None:
        """Pre-flight (the cost), a question, then the render; cards follow its events."""
        await render_with_cost(self, stale=stale, confirm=confirm)

    def review(self):
        from .film_review import ReviewWindow

        shot_id = self.selected_shot()
        if self.document is None or shot_id is None:
            return None
        window = ReviewWindow.for_shot(self.document, shot_id, self)
        window.show()
        return window

    def export(self):
        from .export_dialog import ExportDialog

        if self.document is None:
            return None
        dialog = ExportDialog(self.document, self)
        dialog.show()
        return dialog
