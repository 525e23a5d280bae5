"""MLSD Whiteboard core: the Qt-free domain (model, catalog, commands, io, validate, layout, export).

Nothing in this package imports PySide6 or the ``app`` package; heavy libraries (networkx, graphviz)
are imported lazily by the modules that need them.
"""

__version__ = "0.1.0"
