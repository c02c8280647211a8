"""The hall at a glance for supervisors: the live dashboard (``hall status``) and report charts.

It sits above the queue, the cases and the assessment (it reads all three), below the
screens and the command line.
"""
