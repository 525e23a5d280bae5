"""The review's stylesheet: one palette per theme, CSS that a browser prints well and that Qt's rich-text
engine (the app's review window) reads the basics of (colours, fonts, table borders).

Classes are prefixed ``rv-``: the inline SVG's own stylesheet uses short class names (``.l``, ``.t``,
``.bg``), and CSS in an HTML document applies to the whole page.
"""

from __future__ import annotations

from components import style

PALETTES: dict[str, dict[str, str]] = {
    "light": {"page": "#ffffff", "text": "#111827", "muted": "#6b7280", "rule": "#e5e7eb", "head": "#f3f4f6",
              "earned": "#059669", "missed": "#d1d5db", "gap": "#b45309", "accent": "#2563eb"},
    "dark": {"page": "#111827", "text": "#f3f4f6", "muted": "#9ca3af", "rule": "#374151", "head": "#1f2937",
             "earned": "#34d399", "missed": "#4b5563", "gap": "#fbbf24", "accent": "#60a5fa"},
}


def stylesheet(theme: str = "light") -> str:
    colours = PALETTES[theme]
    severity = style.theme(theme).severity
    font = style.FONT_FAMILY_CSS
    return f"""
body {{ font-family: {font}; color: {colours['text']}; background: {colours['page']}; font-size: 14px;
  line-height: 1.45; margin: 0 auto; max-width: 1180px; padding: 24px 32px; }}
h1 {{ font-size: 24px; margin: 0 0 4px 0; }}
h2 {{ font-size: 18px; margin: 28px 0 8px 0; padding-bottom: 4px; border-bottom: 1px solid {colours['rule']}; }}
h3 {{ font-size: 15px; margin: 16px 0 4px 0; }}
p, ul, ol {{ margin: 4px 0 8px 0; }}
li {{ margin: 2px 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0 10px 0; }}
th, td {{ border: 1px solid {colours['rule']}; padding: 6px 8px; text-align: left; vertical-align: top; }}
th {{ background-color: {colours['head']}; font-weight: bold; }}
.rv-summary {{ font-size: 16px; margin: 0 0 12px 0; }}
.rv-total {{ font-size: 30px; font-weight: bold; color: {colours['accent']}; }}
.rv-muted {{ color: {colours['muted']}; }}
.rv-earned {{ color: {colours['earned']}; font-weight: bold; }}
.rv-missed {{ color: {colours['missed']}; font-weight: bold; }}
.rv-gap {{ color: {colours['gap']}; font-weight: bold; }}
.rv-dots {{ font-size: 15px; letter-spacing: 1px; white-space: nowrap; }}
.rv-score {{ white-space: nowrap; }}
.rv-steps {{ table-layout: fixed; }}
.rv-step {{ font-weight: bold; }}
.rv-point {{ margin: 0 0 6px 0; break-inside: avoid; page-break-inside: avoid; }}
.rv-point-title {{ font-weight: bold; }}
.rv-num {{ text-align: right; white-space: nowrap; }}
.rv-code {{ font-family: 'DejaVu Sans Mono', monospace; font-size: 12px; }}
.rv-error {{ color: {severity['error']}; font-weight: bold; }}
.rv-warning {{ color: {severity['warning']}; font-weight: bold; }}
.rv-info {{ color: {severity['info']}; font-weight: bold; }}
.rv-diagram {{ margin: 8px 0; text-align: center; }}
.rv-diagram svg {{ max-width: 100%; height: auto; }}
.rv-foot {{ margin-top: 32px; font-size: 12px; color: {colours['muted']}; }}
@page {{ margin: 14mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 11pt; }}
  h2 {{ break-after: avoid; page-break-after: avoid; }}
  .rv-diagram {{ break-inside: avoid; page-break-inside: avoid; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""
