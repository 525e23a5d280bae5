"""The canvas's interaction handlers: the scene hands its input to the toolbox's current tool.

``box`` (the toolbox) and ``select`` (the idle tool) start the gesture tools ``move``, ``connect``,
``waypoint`` (bending an elbow connector) and ``label_edit``; ``keys`` and ``menus`` are the idle tool's keyboard and context menus; ``pan``
and ``rubber_band`` are the view's own. Tools work on the board and below, never on the scene.
"""
