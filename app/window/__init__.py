"""The main window: menus, toolbar, docks, documents, live validation, themes."""
