"""The queue screens: the clerk's window, the kiosk, the hall display."""
