"""The proxy section (代办科): investment projects carried through every department."""
