"""Export in the app layer: PNG/PDF rendering of the SVG (QtSvg), the export dialog, clipboard copies.

``service`` and ``render`` need only QtGui/QtSvg (the CLI uses them headless); ``dialog`` and
``clipboard`` need a running QApplication.
"""
