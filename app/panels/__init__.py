"""The docks around the canvas: palette, inspector, findings, checklist."""
