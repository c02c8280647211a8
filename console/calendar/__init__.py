"""The working-day calendar: official holidays and make-up days, administrator overrides, due dates."""
