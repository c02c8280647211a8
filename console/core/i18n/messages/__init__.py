"""Formerly the dict message modules (``MESSAGES = {key: (en, zh_CN)}``, one per domain).

Messages now live in the gettext catalogs ``console/core/i18n/locale/<lang>/LC_MESSAGES/hall.po``.
A dict module that lands here (e.g. from a branch merged later) is still read, but
``tests/test_i18n_catalogs.py`` fails until ``python -m console.core.i18n.convert`` folds it
into the catalogs and deletes it.
"""
