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

# hall proxy (代办科)
HELP_ZH.update({
    "Proxy service: investment projects, items, visits, figures.": "全程代办：投资项目、审批事项、回访、统计。",
    "Project number, e.g. XM2026-0001.": "项目编号，例如 XM2026-0001。",
    "Hand an investor's project to the proxy section.": "将投资者的项目移交代办科。",
    "Enterprise name.": "企业名称。",
    "Unified social credit code (18 characters).": "统一社会信用代码（18 位）。",
    "Contact person.": "联系人。",
    "Contact phone.": "联系电话。",
    "Legal representative (optional).": "法定代表人（可选）。",
    "Project name.": "项目名称。",
    "Where the project is built.": "项目建设地点。",
    "Investment in yuan, e.g. 12000000 or 1234.50.": "投资额（元），例如 12000000 或 1234.50。",
    "Industry.": "所属行业。",
    "Queue ticket the investor was served under.": "投资者办理时所持的号票。",
    "Take a project nobody carries yet (proxy agent).": "领办尚无代办员的项目（代办员）。",
    "Assign a project to an agent (supervisor).": "将项目分派给代办员（督查人员）。",
    "The agent who carries the project.": "负责该项目的代办员。",
    "Add an item to a project: it is accepted as a case with its own deadline.":
        "为项目添加审批事项：按受理流程生成办件，各有其办理时限。",
    "Catalog item code.": "事项目录编码。",
    "Material positions handed in, e.g. 1,2 (default: all of the item's materials).":
        "已收材料序号，例如 1,2（默认：该事项全部材料）。",
    "Print the acceptance receipt of the new case.": "打印新办件的受理通知书。",
    "Record the day the investor's materials were complete: the project clock starts.":
        "登记投资者材料齐全的日期：项目开始计时。",
    "The day they were complete (default today).": "材料齐全日期（默认今天）。",
    "Note (or clear) what holds one of the project's items up.": "登记（或清除）项目某一事项的阻碍。",
    "What holds the item up (empty clears it).": "阻碍内容（留空即清除）。",
    "Close a project whose items are all closed; its follow-up visit is scheduled.":
        "办结各事项均已办结的项目，并安排回访。",
    "Projects, the most threatened first, with working days left and each agent's open load.":
        "项目列表，最紧迫的在前，显示剩余工作日和各代办员的在办量。",
    "Only this agent's projects.": "只列该代办员的项目。",
    "Include completed projects.": "包括已办结的项目。",
    "Each agent's open load: projects and items they carry now.": "各代办员的在办量：在办项目和事项。",
    "One project: enterprise, the clock, each item with its department and blocker, visits, timeline.":
        "单个项目：企业、时限、各事项的部门与阻碍、回访、办理过程。",
    "Record a follow-up visit (回访) of a completed project.": "登记已办结项目的回访。",
    "Day of the visit (default today).": "回访日期（默认今天）。",
    "Whom the agent spoke to.": "回访对象。",
    "Problems the enterprise raised.": "企业反映的问题。",
    "How they were solved.": "问题的解决情况。",
    "Follow-up visits, scheduled and made; late ones flagged.": "回访计划与记录，逾期的标出。",
    "Only late follow-ups.": "只列逾期回访。",
    "Figures: enterprises served, projects, total investment, share within the promise, average working days.":
        "统计：服务企业、项目数、投资总额、承诺时限内办结比例、平均用时。",
})
