"""The console's shell: the base screen, log-in, home, header, palette, keymap, the screen registry."""
