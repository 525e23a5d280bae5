"""Live collaboration: the design as a Yjs document (pycrdt), bound to the core Document, synced
through a standard y-websocket server. Qt-free; the app adds the menus, presence and status."""
