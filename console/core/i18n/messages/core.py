"""Messages shared by every part: errors, the CLI, the database commands."""

MESSAGES = {
    "cli.error_prefix": ("Error: ", "错误："),
    "cli.pin_prompt": ("PIN", "密码"),
    "errors.database": ("the database could not be used: {detail}", "数据库无法使用：{detail}"),
    "errors.database_busy": (
        "the database is busy; nothing was changed, try again",
        "数据库正忙，未做任何更改，请重试",
    ),
    "errors.database_conflict": (
        "the data changed meanwhile; nothing was changed, look again and retry",
        "数据已被他人更改，未做任何更改，请刷新后重试",
    ),
    "errors.database_value": ("the database refused a value: {detail}", "数据库拒绝了某个值：{detail}"),
    "errors.login_required": (
        "log in first: hall login, or name yourself with --as EMPLOYEE_NO (PIN from HALL_PIN or a prompt)",
        "请先登录：运行 hall login，或用 --as 工号 指定操作人（密码取自 HALL_PIN 或提示输入）",
    ),
    "errors.bad_date": ("{value} is not a date (YYYY-MM-DD)", "{value} 不是有效日期（YYYY-MM-DD）"),
    "errors.bad_time": ("{value} is not a time like 08:30", "{value} 不是形如 08:30 的时间"),
    "errors.bad_datetime": (
        "{value} is not a date or time (YYYY-MM-DD[ HH:MM])", "{value} 不是有效日期时间（YYYY-MM-DD[ HH:MM]）"),
    "errors.datetime_zone": (
        "{value} carries a time zone; give the hall's local time", "{value} 带有时区，请填写本大厅的当地时间"),
    "errors.bad_positions": (
        "{value} is not a list of material numbers (e.g. 1,2)", "{value} 不是材料序号列表（如 1,2）"),
    "errors.amount_required": ("an amount is needed", "请填写金额"),
    "errors.bad_amount": (
        "{value} is not an amount in yuan (at most two decimals, e.g. 12.50)",
        "{value} 不是有效金额（最多两位小数，如 12.50）"),
    "errors.negative_amount": ("an amount cannot be negative", "金额不能为负数"),
    "errors.amount_too_large": ("an amount cannot exceed {limit} yuan", "金额不能超过 {limit} 元"),
    "errors.settings_file": ("the settings file {path} cannot be read: {detail}", "无法读取设置文件 {path}：{detail}"),
    "errors.settings_unknown": ("{path}: unknown setting {name}", "{path}：未知设置项 {name}"),
    "errors.settings_value": ("setting {name} ({where}): {value} is not allowed", "设置项 {name}（{where}）：不允许的值 {value}"),
    "errors.permission_denied": (
        "your role ({role}) may not {action}",
        "您的角色（{role}）无权执行此操作：{action}",
    ),
    "errors.login_failed": (
        "employee number or PIN is wrong, or the account is locked",
        "工号或密码不正确，或账号已锁定",
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
