"""The intake and case screens, their dialogs, and the supervision board."""
