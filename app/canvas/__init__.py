"""The canvas: a QGraphicsScene following the document model, the view that shows it, and its tools.

Read top-down; each layer imports only the ones below it (pyproject.toml's import contract checks):

- ``view``: CanvasView (zoom, grid, drops, the view's pan and rubber-band tools);
- ``scene``: CanvasScene, a Board whose input goes to the current tool;
- ``tools``: the interaction handlers (select, move, connect, label edit, pan, rubber band) with
  the canvas's keys and context menus;
- ``board``: what is drawn: items following the model, selection, badges, theme, layers;
- ``shown``: the id -> item map, and which items exist (for a big design, what the views show);
- ``convert``: connecting, reversing and changing kind, like ``operations`` (ids out or NotDone);
- ``operations``: edits as functions that push core commands (``moves``, ``fragment``: their parts);
- ``overview``, ``badges``, ``items``, ``layers``, ``painting``, ``geometry``, ``grid``: drawing, at the
  bottom (``layers`` applies the view's shown/dimmed/hidden layers to the items); ``places`` and
  ``spatial``: where the model's elements are, so a big design gets items only for what a view shows.

This module imports nothing: import what you use from its module (``app.canvas.scene`` ...).
"""
