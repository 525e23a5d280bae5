"""The one ``<style>`` block, the arrowhead ``<marker>``s and the badge ``<symbol>``s of an exported SVG.

Repeated styling lives in CSS classes, not in per-element attributes, which keeps a 5,000-block export
small. Only what both QtSvg and librsvg honour is used: class selectors, plain properties,
``marker-end`` (checked by the tests that render through both).
"""

from __future__ import annotations

from collections.abc import Iterable

from components import style
from components.export.geometry import Point, fmt
from components.model.types import SEVERITIES, Severity

FLOW_CLASS = {flow: f"f-{flow}" for flow in style.FLOW_STYLES}
SEVERITY_CLASS = {severity: f"e-{severity}" for severity in SEVERITIES}
_BADGE_BOX = style.BADGE_RADIUS + 1  # half the badge symbol's square: the disc and its ring


def marker_id(flow: str) -> str:
    return f"arrow-{flow}"


def stylesheet(theme: style.Theme, flows: Iterable[str]) -> str:
    """CSS for one theme: blocks, text, notes, groups, badges and the connectors of ``flows``."""
    font = f"font-family:{style.FONT_FAMILY_CSS}"
    ink = "#ffffff" if theme.name == "light" else theme.background  # the badge's "!": dark on light discs
    rules = [
        f".bg{{fill:{theme.background}}}",
        f".bb{{fill:{theme.block_fill};stroke:{theme.block_border};stroke-width:{style.BLOCK_BORDER}}}",
        f".l{{{font};font-size:{style.LABEL_FONT_PX}px;font-weight:bold;fill:{theme.text};text-anchor:middle}}",
        f".k{{{font};font-size:{style.KIND_FONT_PX}px;fill:{theme.muted_text}}}",
        f".t{{{font};font-size:{style.TITLE_FONT_PX}px;font-weight:bold;fill:{theme.text}}}",
        f".n{{fill:{theme.note_fill};stroke:{theme.note_border};stroke-width:1}}",
        f".nf{{fill:{theme.note_border}}}",
        f".nt{{{font};font-size:{style.NOTE_FONT_PX}px;fill:{theme.text}}}",
        f".g{{fill:{theme.group_fill};fill-opacity:{style.GROUP_FILL_OPACITY};stroke:{theme.group_border};"
        f"stroke-width:{style.GROUP_BORDER};stroke-dasharray:{' '.join(fmt(d) for d in style.GROUP_DASH)}}}",
        f".gt{{{font};font-size:{style.GROUP_FONT_PX}px;font-weight:bold;fill:{theme.muted_text}}}",
        f".cp{{fill:{theme.background};fill-opacity:{style.CONNECTOR_LABEL_OPACITY}}}",
        f".cl{{{font};font-size:{style.CONNECTOR_FONT_PX}px;fill:{theme.text};text-anchor:middle}}",
        f".bx{{fill:none;stroke:{ink};stroke-width:2.2;stroke-linecap:round}}",
        f".bd{{fill:{ink}}}",
    ]
    for severity, css_class in SEVERITY_CLASS.items():
        rules.append(f".{css_class}{{fill:{theme.severity[severity]};stroke:{theme.block_fill};stroke-width:1.5}}")
    for flow in flows:
        entry = style.FLOW_STYLES[flow]
        colour = entry.dark_colour if theme.name == "dark" else entry.colour
        dash = f";stroke-dasharray:{' '.join(fmt(d) for d in entry.dash)}" if entry.dash else ""
        rules.append(f".{FLOW_CLASS[flow]}{{fill:none;stroke:{colour};stroke-width:{style.CONNECTOR_WIDTH}"
                     f"{dash};marker-end:url(#{marker_id(flow)})}}")
    rules.append(".ho{stroke:none}")  # a stub that only carries an arrowhead above the blocks
    return "<style>" + "".join(rules) + "</style>"


def arrow_depth(flow: str) -> float:
    """How far a flow's arrowhead reaches back from its tip."""
    return style.arrow_depth(style.FLOW_STYLES[flow].arrow)


def badge_symbol(severity: Severity) -> str:
    """The findings badge of one severity: a coloured disc ringed in the block colour, with an
    exclamation mark drawn as a stroke and a dot (no font needed). Its viewBox starts at 0 0, with
    the disc in the middle: QtSvg ignores a symbol viewBox's origin."""
    r, c = style.BADGE_RADIUS, _BADGE_BOX
    return (f'<symbol id="badge-{severity}" viewBox="0 0 {2 * c} {2 * c}">'
            f'<circle class="{SEVERITY_CLASS[severity]}" cx="{c}" cy="{c}" r="{r}"/>'
            f'<path class="bx" d="M{c} {fmt(c - r * 0.5)}V{fmt(c + r * 0.12)}"/>'
            f'<circle class="bd" cx="{c}" cy="{fmt(c + r * 0.48)}" r="1.2"/></symbol>')


def badge_use(severity: str, centre: Point) -> str:
    """A ``<use>`` of a severity's badge symbol centred on ``centre``."""
    box = _BADGE_BOX
    return (f'<use href="#badge-{severity}" x="{fmt(centre[0] - box)}" y="{fmt(centre[1] - box)}" '
            f'width="{2 * box}" height="{2 * box}"/>')


def marker(flow: str, theme: style.Theme) -> str:
    """The arrowhead of one flow, drawn like the canvas draws it (a filled triangle, an open V, or a
    hollow diamond twice as long), its tip on the end of the path and turned along it."""
    entry = style.FLOW_STYLES[flow]
    colour = entry.dark_colour if theme.name == "dark" else entry.colour
    length, width = arrow_depth(flow), style.ARROW_WIDTH
    half = width / 2
    stroke = (f'stroke="{colour}" stroke-width="{style.CONNECTOR_WIDTH}" stroke-linejoin="miter" '
              'stroke-dasharray="none"')  # QtSvg lets markers inherit the path's dashes
    if entry.arrow == "diamond":
        shape = (f'<path d="M0 {fmt(half)}L{fmt(length / 2)} 0L{fmt(length)} {fmt(half)}'
                 f'L{fmt(length / 2)} {fmt(width)}Z" fill="{theme.background}" {stroke}/>')
    elif entry.arrow == "open":
        shape = f'<path d="M0 0L{fmt(length)} {fmt(half)}L0 {fmt(width)}" fill="none" {stroke}/>'
    else:
        shape = f'<path d="M0 0L{fmt(length)} {fmt(half)}L0 {fmt(width)}Z" fill="{colour}" {stroke}/>'
    pad = 4
    box_w, box_h = length + 2 * pad, width + 2 * pad
    return (f'<marker id="{marker_id(flow)}" viewBox="{-pad} {-pad} {fmt(box_w)} {fmt(box_h)}" '
            f'refX="{fmt(length)}" refY="{fmt(half)}" markerWidth="{fmt(box_w)}" markerHeight="{fmt(box_h)}" '
            f'markerUnits="userSpaceOnUse" orient="auto">{shape}</marker>')
