"""Hall Console: the domain services, the ``hall`` command line and the Textual app."""
