"""Message modules, one per domain; each defines ``MESSAGES = {key: (en, zh_CN)}``."""
