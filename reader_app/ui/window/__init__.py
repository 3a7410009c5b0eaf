"""The main window and what every feature shares: menus, the status bar, dialogs, the worker that runs library
calls, and the Shell interface features use instead of the window class."""
