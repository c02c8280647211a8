"""The table of ``hall``'s commands: where each lives and its help, in both languages.

``hall`` builds the click command of a sub-command only when it is invoked
(:mod:`console.cli.lazy`): ``hall --help`` and shell completion list the
commands from this table without importing their modules.  A group's help is
given here (it is the help the group is registered with); a single command's
help is its docstring, copied here.  ``tests/test_cli_lazy.py`` checks that each
entry's English is the loaded command's help and that its Chinese is that
help's translation in :func:`console.cli.helptext.help_zh`, so the table
cannot drift from the commands.

The order is the order of ``hall --help``: single commands, then groups.
"""

from __future__ import annotations

#: name → (module, function for a single command or ``None`` for a group (the module's ``app``),
#: English help, Chinese help)
COMMANDS: dict[str, tuple[str, str | None, str, str]] = {
    'demo': ('console.cli.demo', 'demo',
        'Build the demo hall (the Dengfeng center at full scale), print the log-ins, open the console.',
        '生成演示大厅（按实际规模的登封市行政服务中心），打印演示账号并打开控制台。'),
    'stars': ('console.cli.assess_boards', 'stars_board',
        'The star board: a full-screen TV display of stars, red flags and model staff.',
        '挂星榜：全屏电视显示各窗口星级、流动红旗和本季度标兵。'),
    'rate': ('console.cli.assess_boards', 'rate',
        'The rating screen for the applicant at a window (a small second terminal).',
        '窗口评价器：面向群众的全屏评价界面（窗口的第二个小终端）。'),
    'kiosk': ('console.cli.hallscreens', 'kiosk',
        'Open the full-screen ticket kiosk: pick a service, get a number (no log-in).',
        '打开全屏自助取号机：选择业务并取号（无需登录）。'),
    'display': ('console.cli.hallscreens', 'display',
        'Open the full-screen hall display: numbers called, last calls, waiting counts (read-only).',
        '打开全屏叫号屏：各窗口当前叫号、最近叫号、各业务等候人数（只读）。'),
    'login': ('console.cli.session', 'login',
        'Log in once (the PIN is asked here) and act in a session until the end of the day or `hall logout`.',
        '登录一次（在此输入密码），当天内或执行 `hall logout` 前的命令都以此身份操作。'),
    'logout': ('console.cli.session', 'logout',
        'End the session of this user on this database.',
        '结束本用户在此数据库上的会话。'),
    'whoami': ('console.cli.session', 'whoami',
        'Who acts: the staff member of the session (or of --as) and their role.',
        '当前操作人：会话（或 --as）所指的工作人员及其角色。'),
    'status': ('console.cli.status', 'status',
        "The hall now: windows, waiting per service, today's figures, cases at risk, rectifications.",
        '大厅实况：各窗口、各业务等候、今日数据、临期办件、待整改。'),
    'serve': ('console.cli.serve', 'serve',
        'Serve the hall display, the kiosk or the star board to web browsers (read-only, no log-in).',
        '通过网页浏览器发布叫号屏、取号机或星级榜（只读，无需登录）。'),
    'db': ('console.cli.db', None,
        'Database: init (set up a new hall), upgrade, downgrade, status, check, backup.',
        '数据库：初始化（建立新大厅）、升级、回退、状态、检查、备份。'),
    'queue': ('console.cli.queue', None,
        'Queue: services, calling at a window, status, statistics, daily close.',
        '排队：业务、窗口叫号、状态、统计、日终关闭。'),
    'ticket': ('console.cli.ticket', None,
        'Tickets: take one as the kiosk does (no log-in), show one.',
        '号票：像取号机一样取号（无需登录）、查看号票。'),
    'calendar': ('console.cli.calendar', None,
        'Working-day calendar: import, show, due dates, counts.',
        '工作日历：导入、查看、到期日、计数。'),
    'check': ('console.cli.check', None,
        'Check one resident ID, credit code or phone number.',
        '校验一个身份证号码、统一社会信用代码或电话号码。'),
    'case': ('console.cli.case', None,
        'Cases: accept, show, list, overdue, import, export.',
        '办件：受理、查看、列表、超期、导入、导出。'),
    'report': ('console.cli.report', None,
        'Reports: cases accepted, completed, overdue, fees.',
        '报表：受理、办结、超期、收费。'),
    'catalog': ('console.cli.catalog', None,
        'Item catalog: import, export, list, show, guide, retire, diff.',
        '事项目录：导入、导出、列表、查看、办事指南、取消、年度对比。'),
    'site': ('console.cli.site', None,
        'Sites: the center, township centers, village service rooms.',
        '场所：行政服务中心、乡级便民服务中心、村级便民服务室。'),
    'department': ('console.cli.department', None,
        'Departments: service sections, chief representatives, seals.',
        '部门：行政服务科、首席代表、审批专用章。'),
    'window': ('console.cli.window', None,
        'Windows and the departments they serve.',
        '窗口及其办理业务的部门。'),
    'staff': ('console.cli.staff', None,
        'Staff: add, list, lock, unlock, reset PIN, deactivate.',
        '工作人员：添加、列出、锁定、解锁、重置密码、停用。'),
    'audit': ('console.cli.audit', None,
        'The audit trail: list and verify.',
        '审计记录：列出与核验。'),
    'assess': ('console.cli.assess', None,
        'Assessment: rules, monthly scores, quarterly awards, stars, reviews, on-site days.',
        '考核：考核细则、月百分考核、季度评比、挂星、周点评、一把手现场办公。'),
    'rating': ('console.cli.rating', None,
        'Applicant ratings: record, list, rectify bad ones.',
        '好差评：记录、查询、差评整改。'),
    'proxy': ('console.cli.proxy', None,
        'Proxy service: investment projects, items, visits, figures.',
        '全程代办：投资项目、审批事项、回访、统计。'),
    'settings': ('console.cli.hall_settings', None,
        'Settings: case-number pattern, yellow warning, unrated visits.',
        '设置：办件编号格式、黄牌预警、未评价的默认等级。'),
    'blacklist': ('console.cli.blacklist', None,
        'Credit blacklist: import, list (those listed get no waiver acceptance).',
        '失信名单：导入、列出（名单内申请人不适用容缺受理）。'),
    'session': ('console.cli.session', None,
        'Command-line sessions: list and revoke them (administrators).',
        '命令行会话：列出和撤销（管理员）。'),
    'terminal': ('console.cli.terminal', None,
        "Terminals: bind a desk's terminal to its window.",
        '终端：将窗口的终端绑定到该窗口。'),
    'org': ('console.cli.orgfile', None,
        "The hall's structure as one file: import, export (sites, departments, windows, staff).",
        '以一个文件管理大厅结构：导入、导出（场所、部门、窗口、人员）。'),
}


def short_help(name: str, lang: str) -> str:
    """The help of command ``name`` in ``lang`` (``zh_CN`` or English)."""
    _module, _attr, english, chinese = COMMANDS[name]
    return chinese if lang == "zh_CN" else english
