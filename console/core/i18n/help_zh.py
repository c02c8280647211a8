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
    'Queue: services, calling at a window, status, statistics, daily close.':
        '排队：业务、窗口叫号、状态、统计、日终关闭。',
    'List the queue services with their prefixes and windows.':
        '列出排队业务及其号段前缀和窗口。',
    "Site code (default: the acting staff member's site).":
        '站点编码（默认：操作人所在站点）。',
    'Create a queue service (permission queue.manage).':
        '新建排队业务（需要 queue.manage 权限）。',
    'Service code, unique at the site.':
        '业务编码，在站点内唯一。',
    'Name shown at the kiosk and on the display.':
        '在取号机和叫号屏上显示的名称。',
    'Ticket prefix, 1 to 3 letters (A → A001).':
        '号票前缀，1 至 3 个字母（A → A001）。',
    'Department code.':
        '部门编码。',
    'First ticket time.':
        '开始取号时间。',
    'Tickets until this time.':
        '停止取号时间。',
    'Tickets per day at most.':
        '每日号票上限。',
    'Waiting count that raises the alarm.':
        '触发告警的等候人数。',
    'Target: maximum wait in minutes.':
        '目标：最长等候分钟数。',
    'Target: maximum service minutes.':
        '目标：最长办理分钟数。',
    'Target: maximum queue length.':
        '目标：最长队列人数。',
    'Recalls before a no-show.':
        '重呼几次后记为过号。',
    'Linked business to hand on to.':
        '联办的下一项业务。',
    'Catalog item served (repeatable).':
        '所办理的事项（可重复）。',
    'Window serving it (repeatable).':
        '办理该业务的窗口（可重复）。',
    "Change a queue service's settings (permission queue.manage).":
        '修改排队业务的设置（需要 queue.manage 权限）。',
    'Service code.':
        '业务编码。',
    "'' clears it.":
        "'' 表示清除。",
    '0 clears it.':
        '0 表示清除。',
    'Let a window serve a service, or stop it (permission queue.manage).':
        '让窗口办理某项业务或停止办理（需要 queue.manage 权限）。',
    'Window number.':
        '窗口号。',
    'Stop the window serving the service.':
        '停止该窗口办理此业务。',
    'Close the tickets still waiting as not served (numbering restarts tomorrow).':
        '将仍在等候的号票关闭为未办理（次日重新编号）。',
    'Default: today.':
        '默认：今天。',
    'Call the next ticket (by priority, then time), or --number out of order with --reason.':
        '叫下一个号（先按优先级，再按时间），或用 --number 和 --reason 插叫指定号。',
    "Window number (default: the acting clerk's window).":
        '窗口号（默认：操作人所在窗口）。',
    'Call this waiting number out of order.':
        '插叫此等候号。',
    'Why out of order (required with --number).':
        '插叫原因（使用 --number 时必填）。',
    'Call the current ticket again (after the recall limit it becomes a no-show).':
        '重呼当前号（超过重呼次数后记为过号）。',
    'The called applicant did not come (过号).':
        '被叫号的办事人未到（过号）。',
    'The called applicant is at the window: start serving.':
        '被叫号的办事人已到窗口：开始办理。',
    'Finish the current ticket, or hand it on to the next linked business.':
        '办结当前号，或转入下一项联办业务。',
    'Hand on to the next linked business (多窗联办).':
        '转入下一项联办业务（多窗联办）。',
    'With --hand-on: the business.':
        '与 --hand-on 同用：目标业务。',
    'Transfer the current ticket to another service or window (keeps its time, goes first).':
        '将当前号转移到其他业务或窗口（保留取号时间，优先办理）。',
    'Pause the window (no calls until resumed).':
        '暂停窗口（恢复前不叫号）。',
    'Resume a paused window.':
        '恢复已暂停的窗口。',
    'What waits for a window, in calling order.':
        '某窗口的等候号，按叫号顺序。',
    "The hall's queue now: waiting per service, alarms, each window's ticket.":
        '大厅当前排队：各业务等候人数、告警、各窗口当前号。',
    'Wait, service and idle times of a day, per window or per service.':
        '某日的等候、办理和空闲时长，按窗口或按业务。',
    'window or service':
        'window（窗口）或 service（业务）',
    'Tickets: take one as the kiosk does (no log-in), show one.':
        '号票：像取号机一样取号（无需登录）、查看号票。',
    'Take a ticket as the kiosk does (no log-in).':
        '像取号机一样取号（无需登录）。',
    'Queue service code.':
        '排队业务编码。',
    'elderly, disabled, military or green_channel.':
        'elderly（老年）、disabled（残疾）、military（军人）或 green_channel（绿色通道）。',
    'Resident ID number.':
        '居民身份证号码。',
    'Check in an appointment (预约) for this slot today.':
        '为今天该时段的预约签到。',
    "Show one of today's tickets.":
        '查看今天的一张号票。',
    'Ticket number of today, e.g. A003.':
        '今天的号票号码，如 A003。',
    'Working-day calendar: import, show, due dates, counts.':
        '工作日历：导入、查看、到期日、计数。',
    'Import overrides and whole years the library does not know (all or nothing).':
        '导入日历修正及日历库尚未收录的整年数据（全部成功或全部不写入）。',
    'CSV rows: date,kind[,note] (kind: workday or holiday).':
        'CSV 行：date,kind[,note]（kind 为 workday 或 holiday）。',
    'Holidays and make-up workdays of YEAR, with their source (library or override).':
        'YEAR 年的节假日与调休上班日，及其来源（日历库或人工修正）。',
    'The year.':
        '年份。',
    'Print the due date, DAYS working days after DATE, as YYYY-MM-DD.':
        '输出 DATE 之后第 DAYS 个工作日的到期日（YYYY-MM-DD）。',
    'The acceptance day (YYYY-MM-DD); it is not counted.':
        '受理日（YYYY-MM-DD），当日不计入。',
    'Promised working days.':
        '承诺工作日数。',
    'Print the number of working days after FROM up to and including TO.':
        '输出 FROM 之后至 TO（含）的工作日数。',
    'First day, not counted (YYYY-MM-DD).':
        '起始日，不计入（YYYY-MM-DD）。',
    'Last day, counted (YYYY-MM-DD).':
        '截止日，计入（YYYY-MM-DD）。',
    'Refuse a year whose official calendar is not known yet instead of answering provisionally.':
        '官方日历尚未公布的年份直接报错，不按暂定日历计算。',
    'Check one resident ID, credit code or phone number.':
        '校验一个身份证号码、统一社会信用代码或电话号码。',
    'Check a resident ID number (GB 11643): check digit, birth date, region code.':
        '校验居民身份证号码（GB 11643）：校验码、出生日期、地区码。',
    'An 18-character resident ID number.':
        '18 位居民身份证号码。',
    'Check a unified social credit code (GB 32100).':
        '校验统一社会信用代码（GB 32100）。',
    'An 18-character unified social credit code.':
        '18 位统一社会信用代码。',
    'Check a mobile or landline phone number.':
        '校验手机或固定电话号码。',
    'A mobile or landline number.':
        '手机或固定电话号码。',
    'Cases: accept, show, list, overdue, import, export.':
        '办件：受理、查看、列表、超期、导入、导出。',
    "Accept an application as a case (the intake screen's rules exactly).":
        '受理申请为办件（规则与受理界面完全相同）。',
    'Item code.':
        '事项编码。',
    "Applicant: person's or organization's name.":
        '申请人：个人或单位名称。',
    'Resident ID number (person) or unified social credit code (--org).':
        '身份证号码（个人）或统一社会信用代码（--org）。',
    'Phone number.':
        '电话号码。',
    'The applicant is an organization.':
        '申请人为单位。',
    'Legal representative (organization).':
        '法定代表人（单位）。',
    'Contact person (organization).':
        '联系人（单位）。',
    'Positions of the materials received, e.g. 1,2,3.':
        '已收材料的序号，如 1,2,3。',
    'Every material of the item was received.':
        '该事项的全部材料均已收到。',
    "Accept with a waiver: the applicant's commitment.":
        '容缺受理：申请人的承诺。',
    'Deadline for missing materials (YYYY-MM-DD).':
        '补齐材料的期限（YYYY-MM-DD）。',
    'Accept from this kept draft or deficiency notice.':
        '从保存的草稿或一次性告知书受理。',
    'Show one case (personal numbers masked unless your role may see them).':
        '查看一个办件（除非角色有权查看，个人号码将脱敏显示）。',
    'Case number.':
        '办件编号。',
    'Print the acceptance receipt: text or html.':
        '输出受理通知书：text 或 html。',
    'List cases, newest first.':
        '列出办件，最新的在前。',
    'mine (accepted by you), window (at your window) or all you may see.':
        'mine（本人受理的）、window（本窗口的）或 all（您可查看的全部）。',
    'Only cases in this status.':
        '只列此状态的办件。',
    'Only open cases past their due date.':
        '只列已超过到期日的未办结办件。',
    'At most this many cases.':
        '最多列出的办件数。',
    'At-risk (yellow: last working day) and overdue (red) open cases.':
        '临期（黄牌：最后一个工作日）和超期（红牌）的未办结办件。',
    'Start the review of an accepted case.':
        '开始审查已受理的办件。',
    'Record the decision and its document number.':
        '记录审批决定及其文号。',
    'approved or not_approved.':
        'approved（准予）或 not_approved（不予）。',
    'Decision document number.':
        '决定文书编号。',
    'Complete a decided case (办结).':
        '办结已作出决定的办件。',
    'Stop the clock for a reason the law allows.':
        '因法定事由暂停计时。',
    'supplement, hearing, testing, expert_review or public_notice.':
        'supplement（补正）、hearing（听证）、testing（检验检测）、expert_review（专家评审）或 public_notice（公示）。',
    'A note.':
        '备注。',
    'Restart the clock; the due date moves.':
        '恢复计时，到期日顺延。',
    'Extend the promise, recording who approved.':
        '延长承诺时限，并记录批准人。',
    'Extra working days.':
        '延长的工作日数。',
    'Who approved the extension.':
        '延期批准人。',
    'Why.':
        '原因。',
    'The applicant withdraws the case.':
        '申请人撤回办件。',
    'Record a fee payment.':
        '登记缴费。',
    'Amount in yuan, e.g. 100 or 12.50.':
        '金额（元），如 100 或 12.50。',
    'cash, card, transfer or other.':
        'cash（现金）、card（刷卡）、transfer（转账）或 other（其他）。',
    'Receipt number.':
        '票据号码。',
    'Waive the rest of the fee, with the reason.':
        '减免剩余费用，并注明原因。',
    'Why the fee is waived.':
        '减免原因。',
    'Import historical cases (all or nothing; errors by row and column).':
        '导入历史办件（全部成功或全部不写入；按行列报错）。',
    'CSV of historical cases with a header row.':
        '带表头的历史办件 CSV 文件。',
    'Export the cases accepted in a period.':
        '导出某期间受理的办件。',
    'First acceptance day (YYYY-MM-DD).':
        '受理起始日（YYYY-MM-DD）。',
    'Last acceptance day (YYYY-MM-DD).':
        '受理截止日（YYYY-MM-DD）。',
    'csv, xlsx or json.':
        'csv、xlsx 或 json。',
    'Write to FILE (default: standard output).':
        '写入 FILE（默认：标准输出）。',
    'Reports: cases accepted, completed, overdue, fees.':
        '报表：受理、办结、超期、收费。',
    'Cases accepted in a period: accepted, completed, completion rate, overdue, fees.':
        '某期间受理的办件：受理数、办结数、办结率、超期数、收费。',
    'department, window, site, item or month.':
        'department（部门）、window（窗口）、site（站点）、item（事项）或 month（月份）。',
    'Fee payments and waivers recorded in a period, by day, window or department.':
        '某期间登记的缴费与减免，按日、窗口或部门汇总。',
    'First day (YYYY-MM-DD).':
        '起始日（YYYY-MM-DD）。',
    'Last day (YYYY-MM-DD).':
        '截止日（YYYY-MM-DD）。',
    'day, window or department.':
        'day（日）、window（窗口）或 department（部门）。',
    'Item catalog: import, export, list, show, guide, retire, diff.':
        '事项目录：导入、导出、列表、查看、办事指南、取消、年度对比。',
    'Import catalog items from CSV or XLSX: all rows or none (every bad row is reported).':
        '从 CSV 或 XLSX 导入目录事项：全部成功或全部不写入（逐行报告错误）。',
    'A .csv or .xlsx file in the catalog file format.':
        '符合目录文件格式的 .csv 或 .xlsx 文件。',
    'Replace items whose code exists already (and their materials).':
        '替换编码已存在的事项（及其材料）。',
    'Export the whole catalog (retired items too) in the format import reads.':
        '按导入格式导出全部目录（含已取消事项）。',
    'Where to write: .csv (UTF-8 with BOM) or .xlsx.':
        '写入位置：.csv（带 BOM 的 UTF-8）或 .xlsx。',
    'Read as this staff member (PIN from HALL_PIN or a prompt). Default: HALL_AS, else the read-only shell.':
        '以该工作人员身份读取（密码取自 HALL_PIN 或提示输入）。默认取 HALL_AS，否则为只读的命令行身份。',
    'List catalog items (active ones unless --all).':
        '列出目录事项（除非用 --all，只列有效事项）。',
    'Only this department (code or name).':
        '只列此部门（编码或名称）。',
    'Include retired items.':
        '包括已取消的事项。',
    'Show one item with its six disclosures.':
        '查看一个事项及其六公开内容。',
    "The item's code.":
        '事项编码。',
    'The public service guide (政务公开指南): every active item by department with its six disclosures.':
        '政务公开指南：按部门列出全部有效事项及其六公开内容。',
    'Markdown or a standalone HTML page.':
        'Markdown 或独立的 HTML 页面。',
    'Write to FILE instead of printing.':
        '写入 FILE 而不是直接输出。',
    'Retire an item from a catalog year on, optionally merged into another item.':
        '从某目录年度起取消事项，可并入另一事项。',
    'The item to retire.':
        '要取消的事项。',
    'The first catalog year without the item.':
        '不再包含该事项的第一个目录年度。',
    'The item that absorbed it.':
        '并入的事项。',
    'Items added, retired and merged between the catalogs of two years, with both totals.':
        '两个年度目录之间新增、取消和合并的事项，以及两年的总数。',
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

from console.core.i18n.messages.assess import HELP_ZH as _ASSESS_HELP_ZH  # noqa: E402 - assessment (issue 6)

HELP_ZH.update(_ASSESS_HELP_ZH)
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
    "Show the proxy settings, or change them (supervisor).": "显示或修改代办设置（督查人员）。",
    "Working days promised from complete materials (default 20).": "材料齐全起承诺的工作日数（默认 20）。",
    "Working days before the due date a project is at risk (default 3).": "到期前多少个工作日提示临期（默认 3）。",
    "Working days after completion the follow-up visit is due (default 10).": "办结后多少个工作日内回访（默认 10）。",
})

HELP_ZH.update({
    "Open the full-screen ticket kiosk: pick a service, get a number (no log-in).":
        "打开全屏自助取号机：选择业务并取号（无需登录）。",
    "Site code (default: the hall's only center).": "站点代码（默认为大厅唯一的中心）。",
    "Open the full-screen hall display: numbers called, last calls, waiting counts (read-only).":
        "打开全屏叫号屏：各窗口当前叫号、最近叫号、各业务等候人数（只读）。",
    "Record materials brought after a waiver acceptance.": "登记容缺受理后补交的材料。",
    "Positions of the materials brought, e.g. 2,3.": "补交材料的序号，如 2,3。",
    "End every waiver case whose missing materials did not come by their deadline.":
        "终止所有在期限内未补齐材料的容缺受理办件。",
})

from console.core.i18n.messages.trust import HELP_ZH as _TRUST_HELP_ZH  # noqa: E402 - trust (issue 10)

HELP_ZH.update(_TRUST_HELP_ZH)
