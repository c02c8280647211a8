"""Chinese for the ``hall`` command line's help texts, keyed by the English text."""

HELP_ZH: dict[str, str] = {
    "Hall Console: queue, intake, cases, proxy service and assessment of a government service hall.":
        "政务服务大厅控制台：排队叫号、受理、办件、全程代办与考核。",
    "Hall Console. Without a command, opens the console.": "政务服务大厅控制台。不带命令时打开控制台界面。",
    "Database URL or SQLite file (overrides HALL_DATABASE_URL).": "数据库地址或 SQLite 文件（优先于 HALL_DATABASE_URL）。",
    "Interface language: zh_CN or en (default: HALL_LANG, then the locale).":
        "界面语言：zh_CN 或 en（默认取 HALL_LANG，其次取系统区域设置）。",
    "Database: upgrade, status, backup.": "数据库：升级、状态、备份。",
    "Apply every pending migration.": "执行所有待执行的结构迁移。",
    "Show the database, its schema revision and whether it is current.": "显示数据库、结构版本及是否为最新。",
    "Copy a SQLite database with the online backup API (PostgreSQL: use pg_dump).":
        "用在线备份接口复制 SQLite 数据库（PostgreSQL 请用 pg_dump）。",
    "Where to write the copy.": "备份写入的文件。",
    "Print JSON instead of a table.": "输出 JSON 而不是表格。",
    "Act as this staff member (PIN from HALL_PIN or a hidden prompt). Default: HALL_AS.":
        "以该工作人员身份操作（密码取自 HALL_PIN 或隐藏输入）。默认取 HALL_AS。",
}

from console.i18n.messages.assess import HELP_ZH as _ASSESS_HELP_ZH  # noqa: E402 - assessment (issue 6)

HELP_ZH.update(_ASSESS_HELP_ZH)
