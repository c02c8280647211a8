"""The Textual App classes: the staff console, the kiosk, the hall display, the star board, the rating screen."""
