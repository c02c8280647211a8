"""The proxy section's screens."""
