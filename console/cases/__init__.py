"""Cases (办件): intake, the case clock, fees, documents, reports, supervision, files."""
