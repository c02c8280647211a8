"""Messages shared by every part: errors, the CLI, the database commands."""

MESSAGES = {
    "cli.error_prefix": ("Error: ", "错误："),
    "cli.pin_prompt": ("PIN", "密码"),
    "errors.database": ("the database could not be used: {detail}", "数据库无法使用：{detail}"),
    "errors.permission_denied": (
        "your role ({role}) may not {action}",
        "您的角色（{role}）无权执行此操作：{action}",
    ),
    "errors.login_failed": (
        "employee number or PIN is wrong",
        "工号或密码不正确",
    ),
    "errors.account_locked": (
        "this account is locked; ask an administrator to unlock it",
        "该账号已锁定，请联系管理员解锁",
    ),
    "errors.as_required": (
        "name the acting staff member with --as EMPLOYEE_NO or HALL_AS",
        "请用 --as 工号 或 HALL_AS 指定操作人",
    ),
    "errors.pin_required": (
        "no PIN: set HALL_PIN or run in a terminal to be asked",
        "未提供密码：请设置 HALL_PIN，或在终端中运行以输入密码",
    ),
    "errors.pin_shape": ("a PIN is 6 to 8 digits", "密码应为 6 至 8 位数字"),
    "errors.import_rejected": (
        "{count} problem(s) found; nothing was written",
        "发现 {count} 处错误，未写入任何数据",
    ),
    "errors.row_error": ("row {row}, column {column}: {message}", "第 {row} 行，{column} 列：{message}"),
    "db.upgraded": ("database is at revision {revisions}", "数据库已升级到版本 {revisions}"),
    "db.status_url": ("database: {url}", "数据库：{url}"),
    "db.status_backend": ("engine: {backend}", "引擎：{backend}"),
    "db.status_revision": ("schema revision: {revisions}", "结构版本：{revisions}"),
    "db.status_current": ("schema is current", "结构为最新"),
    "db.status_behind": (
        "schema is behind; newest is {heads} (run: hall db upgrade)",
        "结构不是最新，最新版本为 {heads}（请运行：hall db upgrade）",
    ),
    "db.backup_postgres": (
        "backup copies SQLite files; for PostgreSQL use pg_dump",
        "备份命令只适用于 SQLite 文件；PostgreSQL 请使用 pg_dump",
    ),
    "db.backup_exists": ("{path} exists already; choose a new file", "{path} 已存在，请换一个文件名"),
    "db.backup_done": ("backup written to {path}", "备份已写入 {path}"),
}
