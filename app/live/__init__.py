"""Live sessions in the window: the controller (session, presence, status) and the Share and Join
dialogs. The Qt-free part (binding, protocol, server) is components/collab."""
