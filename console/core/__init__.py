"""The core of Hall Console: clock, context, use-case runner, errors, permissions, log-in, audit, settings, parsing, i18n."""
