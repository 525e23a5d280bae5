"""Zoom to Fit keeps the design clear of the overlays (legend, minimap, find bar): it fits the design
into the largest part of the canvas none of them covers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from app.canvas.items.base import LOD_DETAIL
from app.canvas.view import free_area
from components.templates import load_template
from tests.app.window_helpers import make_window

rects = st.builds(QRectF, st.integers(-50, 900), st.integers(-50, 700), st.integers(1, 500), st.integers(1, 400))


@given(st.lists(rects, max_size=4), st.floats(0.1, 10))
def test_the_free_area_lies_in_the_viewport_clear_of_every_overlay(covered: list[QRectF], aspect: float) -> None:
    viewport = QRectF(0, 0, 800, 600)
    free = free_area(viewport, covered, aspect)
    inside = [c for c in covered if c.intersects(viewport)]
    assert viewport.contains(free)
    if not inside:
        assert free == viewport
    elif free != viewport:
        assert not any(free.intersects(c) for c in inside)


def blocks_in_view(window) -> list[QRectF]:
    view = window.view
    return [view.mapFromScene(window.scene.item_for(b.id).scene_frame()).boundingRect().toRectF()
            for b in window.editor.doc.diagram.blocks]


def assert_blocks_in_sight(window) -> None:
    """Every block lies in the viewport, under neither the legend nor the minimap."""
    nav = window.navigation
    covered = [QRectF(w.geometry()) for w in (nav.legend, nav.minimap)]
    viewport = QRectF(window.view.viewport().rect())
    for frame in blocks_in_view(window):
        assert viewport.contains(frame)
        assert not any(frame.intersects(c) for c in covered), (frame, covered)


@pytest.mark.parametrize("size", [(1400, 900), (1024, 700)])
def test_zoom_to_fit_leaves_no_block_under_the_legend_or_the_minimap(qtbot, tmp_path: Path, size) -> None:
    window = make_window(qtbot, tmp_path, load_template("video-recommendation"))
    window.resize(*size)
    qtbot.wait(50)
    nav = window.navigation
    nav.legend.show()
    nav.minimap.show()
    nav.place()
    window.view.zoom_to_fit()
    assert_blocks_in_sight(window)


def test_zoom_to_fit_beside_the_legend_keeps_a_large_template_readable(qtbot, tmp_path: Path) -> None:
    """Seen re-rendering the README picture at 1600x1000: the video-recommendation template, fitted above
    the unfolded legend with the fit's 40-unit scene margin, came out at 39 %, below the zoom at which
    blocks show their labels, though its blocks fit the free part at 41 % with a few pixels to spare."""
    window = make_window(qtbot, tmp_path, load_template("video-recommendation"))
    window.resize(1600, 1000)
    qtbot.wait(50)
    nav = window.navigation
    nav.legend.show()
    nav.legend.choose_fold(False)
    nav.minimap.show()
    nav.place()
    window.view.zoom_to_fit()
    assert window.view.zoom >= LOD_DETAIL
    assert_blocks_in_sight(window)


def test_a_template_opened_in_a_window_of_the_default_size_shows_its_labels(qtbot, tmp_path: Path) -> None:
    """Seen on Xvfb: the video-recommendation template opened in the 1400x900 window came out at 31 %, as
    coloured boxes without labels, and at 39 % in the window maximised on a 1600x1000 screen: the unfolded
    legend left the design only the band above it. On a canvas that size the legend starts folded (the
    user's own fold is kept, tested with the minimap)."""
    window = make_window(qtbot, tmp_path, load_template("video-recommendation"))
    nav = window.navigation
    nav.legend.show()
    nav.minimap.show()
    for size in ((1400, 900), (1600, 981)):  # the window's first size; maximised on a 1600x1000 screen
        window.resize(*size)
        qtbot.wait(50)
        nav.place()
        window.view.zoom_to_fit()
        assert window.view.zoom >= LOD_DETAIL, size
        assert_blocks_in_sight(window)
