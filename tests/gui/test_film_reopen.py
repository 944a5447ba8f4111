"""The last film reopens when the window starts (after the first paint), and the
recent-films list is each test's own (it once leaked from one test into the next)."""

from __future__ import annotations

from airforce_studio.core.paths import Paths
from airforce_studio.ui.film_document import recent_films
from tests.gui.conftest import until
from tests.gui.film_kit import TWO_SHOTS, write


def restart(window, open_studio, arun):
    window.close()
    arun(window.session.aclose())
    return open_studio()


def test_the_last_film_reopens_at_start_in_the_back(open_studio, arun, tmp_path):
    first = open_studio()
    path = write(tmp_path / "harbour.afilm.json", TWO_SHOTS)
    assert arun(first.storyboard.open_film(path))
    assert recent_films()[0] == path
    assert str(path) in (Paths.config_dir() / "window.ini").read_text()  # this test's own
    again = restart(first, open_studio, arun)
    board = again.storyboard
    arun(until(lambda: board.document is not None))
    assert board.document.path == path and board.cards.count() == 2
    assert again.tabs.currentWidget() is not board  # the remembered tab stays in front


def test_a_film_moved_away_is_not_reopened_and_stays_listed(open_studio, arun, tmp_path):
    first = open_studio()
    path = write(tmp_path / "gone.afilm.json", TWO_SHOTS)
    assert arun(first.storyboard.open_film(path))
    path.unlink()
    again = restart(first, open_studio, arun)
    from airforce_studio.ui.film_menu import reopen_last_film

    assert arun(reopen_last_film(again.storyboard)) is False
    assert again.storyboard.document is None and recent_films() == [path]


def test_recent_films_start_empty_in_every_test(studio):
    # The tests above remembered films; none of them may reach this one.
    assert recent_films() == [] and studio.storyboard.document is None
    menu = studio.findChild(type(studio.menuBar().actions()[0].menu()), "menuRecentFilms")
    assert menu is not None and not menu.isEnabled()
