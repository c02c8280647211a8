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
    # organization, staff, audit trail, demo hall (branch org)
    "Build the demo hall (the Dengfeng center at full scale), print the log-ins, open the console.":
        "生成演示大厅（按实际规模的登封市行政服务中心），打印演示账号并打开控制台。",
    "SQLite file to build (replaced if it exists). Default: demo.db in the user data directory; with --db URL "
    "(before the command) an empty database there.":
        "要生成的 SQLite 文件（已存在则替换）。默认为用户数据目录中的 demo.db；在命令前给出 --db 地址时，生成到该空数据库中。",
    "Random seed: the same seed builds the same hall.": "随机种子：相同的种子生成相同的大厅。",
    "How many demo cases extensions should add.": "演示扩展要添加的办件数量。",
    "Open the console on the demo hall afterwards.": "生成后在演示大厅上打开控制台。",
    "Sites: the center, township centers, village service rooms.": "场所：行政服务中心、乡级便民服务中心、村级便民服务室。",
    "List sites: the center, township centers and village service rooms.":
        "列出场所：行政服务中心、乡级便民服务中心和村级便民服务室。",
    "center, township or village.": "center（中心）、township（乡镇）或 village（村）。",
    "Only sites under this site (site code).": "只列出该场所（场所代码）下属的场所。",
    "Departments: service sections, chief representatives, seals.": "部门：行政服务科、首席代表、审批专用章。",
    "List departments with their service section, chief representative, letter and seals.":
        "列出部门及其行政服务科、首席代表、授权委托书和审批专用章。",
    "Only this site (site code).": "只列出该场所（场所代码）。",
    "Windows and the departments they serve.": "窗口及其办理业务的部门。",
    "List windows with the departments they serve; comprehensive windows serve several.":
        "列出窗口及其办理业务的部门；综合窗口办理多个部门的业务。",
    "Only windows serving it.": "只列出办理该部门业务的窗口。",
    "Staff: add, list, lock, unlock, reset PIN, deactivate.": "工作人员：添加、列出、锁定、解锁、重置密码、停用。",
    "Add a staff member with a new PIN (6 to 8 digits).": "添加工作人员并设置新密码（6 至 8 位数字）。",
    "The staff member's employee number.": "工作人员的工号。",
    "Full name (at most 50 characters).": "姓名（最多 50 个字符）。",
    "clerk, proxy_agent, supervisor or admin.": "clerk（窗口人员）、proxy_agent（代办员）、supervisor（督查员）或 admin（管理员）。",
    "Department code or name.": "部门代码或名称。",
    "The window: SITECODE:NUMBER, or NUMBER at --site (default: your own site).":
        "窗口：场所代码:窗口号，或 --site 场所的窗口号（默认为您所在的场所）。",
    "Site code (default: the window's, else yours).": "场所代码（默认为窗口所在场所，否则为您所在的场所）。",
    "Take the new PIN from HALL_NEW_PIN instead of asking.": "从 HALL_NEW_PIN 读取新密码，不再询问。",
    "List staff (never their PINs).": "列出工作人员（从不显示密码）。",
    "Only this role.": "只列出该角色。",
    "Only staff of this site.": "只列出该场所的工作人员。",
    "Only this department.": "只列出该部门。",
    "Include deactivated staff.": "包括已停用的工作人员。",
    "Lock a staff member's account (not your own).": "锁定工作人员的账号（不能锁定自己）。",
    "Unlock an account and reset its count of wrong PINs.": "解锁账号并清零密码错误次数。",
    "Give a staff member a new PIN.": "为工作人员设置新密码。",
    "Deactivate a staff member (not yourself); their history stays.": "停用工作人员（不能停用自己）；其历史记录保留。",
    "The audit trail: list and verify.": "审计记录：列出与核验。",
    "List audit events, newest first: time, actor, action, entity, summary.":
        "列出审计事件（最新在前）：时间、操作人、操作、对象、摘要。",
    "From this date or time (2009-05-31[T08:30]).": "从该日期或时间起（2009-05-31[T08:30]）。",
    "Only events by this staff member.": "只列出该工作人员的事件。",
    "Only this action, or a prefix ending in '.' or '*' (staff.).": "只列出该操作，或以 '.' 或 '*' 结尾的前缀（如 staff.）。",
    "At most N events, newest first.": "最多 N 条事件，最新在前。",
    "Walk the hash chain; exit 9 naming the first changed or removed event.":
        "逐条核验哈希链；发现被修改或删除的事件时以退出码 9 结束并指出第一条。",
}
