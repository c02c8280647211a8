"""The catalog browser and the item detail."""
