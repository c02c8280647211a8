"""The supervisors' screens of the hall as a whole: the live dashboard, the reports with charts."""
