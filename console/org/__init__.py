"""The organization of the hall: sites, departments, windows, staff, the audit trail's reading side."""
