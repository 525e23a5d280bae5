"""The trend as a picture: the total over sessions on top, one small chart per step below, in SVG.

Drawn with the exporter's tools (its escaping, number format, font and theme colours) so the app
shows it through the same SVG renderer as every export, and a README or a test can read it as text.
Each step's line is drawn in its stage's colour, as blocks of that step are on the canvas.
"""

from __future__ import annotations

import math

from components import style
from components.catalog import STAGES
from components.export.geometry import fmt
from components.export.svg_text import escape
from components.practice.trend import Trend
from components.review.rubric import POINTS_PER_STEP

WIDTH = 760.0
LEFT, RIGHT = 44.0, 18.0
TOTAL_TOP, TOTAL_HEIGHT = 34.0, 150.0
STEP_TOP, STEP_HEIGHT, STEP_GAP = 246.0, 64.0, 8.0
HEIGHT = STEP_TOP + STEP_HEIGHT + 20.0
MAX_DATES = 10  # date labels under the total chart at most


def _x(index: int, count: int, left: float, width: float) -> float:
    pad = 12.0
    if count == 1:
        return left + width / 2
    return left + pad + (width - 2 * pad) * index / (count - 1)


def _polyline(points: list[tuple[float, float]], colour: str, width: float) -> str:
    path = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
    line = (f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{fmt(width)}" '
            'stroke-linejoin="round" stroke-linecap="round"/>') if len(points) > 1 else ""
    dots = "".join(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(width + 1.2)}" fill="{colour}"/>' for x, y in points)
    return line + dots


def _text(x: float, y: float, text: str, colour: str, size: float, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" fill="{colour}" '
            f'text-anchor="{anchor}"{weight}>{escape(text)}</text>')


def trend_svg(trend: Trend, theme_name: style.ThemeName = "light") -> str:
    """The chart of ``trend`` as a standalone SVG document."""
    theme = style.theme(theme_name)
    parts = [f'<rect width="{fmt(WIDTH)}" height="{fmt(HEIGHT)}" fill="{theme.background}"/>',
             _text(LEFT, 20, "Total score by session", theme.text, 13, bold=True)]
    points = trend.points
    plot_width = WIDTH - LEFT - RIGHT
    maximum = trend.maximum
    for level in range(0, 4):  # grid at 0, a third, two thirds and the maximum
        value = maximum * level / 3
        y = TOTAL_TOP + TOTAL_HEIGHT * (1 - level / 3)
        parts.append(f'<line x1="{fmt(LEFT)}" y1="{fmt(y)}" x2="{fmt(WIDTH - RIGHT)}" y2="{fmt(y)}" '
                     f'stroke="{theme.grid if level else theme.block_border}" stroke-width="1"/>')
        parts.append(_text(LEFT - 6, y + 4, f"{value:g}", theme.muted_text, 10, "end"))
    if not points:
        parts.append(_text(WIDTH / 2, TOTAL_TOP + TOTAL_HEIGHT / 2, "No whole session yet", theme.muted_text, 13,
                           "middle"))
    else:
        count = len(points)
        xs = [_x(index, count, LEFT, plot_width) for index in range(count)]
        line = [(x, TOTAL_TOP + TOTAL_HEIGHT * (1 - point.total / max(point.maximum, 1)))
                for x, point in zip(xs, points, strict=True)]
        parts.append(_polyline(line, theme.text, 2.4))
        parts.append(_text(line[-1][0], line[-1][1] - 9, f"{points[-1].total}", theme.text, 11, "middle", bold=True))
        every = max(1, math.ceil(count / MAX_DATES))
        last_day = ""
        for index, (x, point) in enumerate(zip(xs, points, strict=True)):
            if index % every == 0 or index == count - 1:
                # a session on the day already written is labelled by its time ("Dec 7 … Dec 7" said nothing)
                label = point.time if point.day == last_day else point.day
                last_day = point.day
                parts.append(_text(x, TOTAL_TOP + TOTAL_HEIGHT + 16, label, theme.muted_text, 10, "middle"))
    parts.append(_text(LEFT, STEP_TOP - 22, f"Score by step (0-{POINTS_PER_STEP})", theme.text, 13, bold=True))
    width = (WIDTH - LEFT - RIGHT - STEP_GAP * (len(STAGES) - 1)) / len(STAGES)
    for number, stage in enumerate(STAGES, start=1):
        left = LEFT + (number - 1) * (width + STEP_GAP)
        colour = stage.dark_colour if theme_name == "dark" else stage.colour
        parts.append(f'<rect x="{fmt(left)}" y="{fmt(STEP_TOP)}" width="{fmt(width)}" height="{fmt(STEP_HEIGHT)}" '
                     f'rx="4" fill="none" stroke="{theme.block_border}"/>')
        parts.append(_text(left + 4, STEP_TOP - 6, f"{number}. {stage.key.capitalize()}", colour, 10, bold=True))
        if points:
            count = len(points)
            line = [(_x(index, count, left, width),
                     STEP_TOP + 8 + (STEP_HEIGHT - 16) * (1 - point.steps[number - 1] / POINTS_PER_STEP))
                    for index, point in enumerate(points)]
            parts.append(_polyline(line, colour, 1.6))
            parts.append(_text(left + width - 4, STEP_TOP + STEP_HEIGHT + 13,
                               f"{points[-1].steps[number - 1]}/{POINTS_PER_STEP}", theme.muted_text, 10, "end"))
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{fmt(WIDTH)}" height="{fmt(HEIGHT)}" '
            f'viewBox="0 0 {fmt(WIDTH)} {fmt(HEIGHT)}" font-family="{escape(style.FONT_FAMILY_CSS)}">'
            f"<title>{escape(trend.summary())}</title>")
    return head + "".join(parts) + "</svg>\n"
