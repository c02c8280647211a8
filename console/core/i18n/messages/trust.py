"""Messages of the trust area: log-in sessions, the audit anchor, permissions, files, input."""

MESSAGES: dict[str, tuple[str, str]] = {
    # what each permission allows, in the permission-denied message
    "trust.perm.catalog.read": ("browse the item catalog", "浏览事项目录"),
    "trust.perm.catalog.manage": ("import, retire and edit catalog items", "导入、撤销和编辑事项"),
    "trust.perm.org.read": ("list sites, departments, windows", "查看中心、部门和窗口"),
    "trust.perm.org.manage": ("change sites, departments, windows", "修改中心、部门和窗口"),
    "trust.perm.staff.read": ("list staff", "查看工作人员"),
    "trust.perm.staff.manage": ("add, lock, unlock, reset PIN, deactivate staff", "添加、锁定、解锁、重置密码、停用工作人员"),
    "trust.perm.audit.read": ("read and verify the audit trail", "查看和校验审计记录"),
    "trust.perm.queue.operate": ("call and serve tickets at a window", "在窗口叫号和办理"),
    "trust.perm.queue.manage": ("configure queue services, close the day", "设置排队业务、日结"),
    "trust.perm.queue.read": ("see the queue status of the hall", "查看大厅排队状态"),
    "trust.perm.case.accept": ("accept, refuse, and notify deficiencies at a window", "在窗口受理、不予受理和一次性告知"),
    "trust.perm.case.process": ("move cases through review, decision and completion", "办理办件的审查、决定和办结"),
    "trust.perm.case.read_all": ("see every case of the hall", "查看大厅全部办件"),
    "trust.perm.case.supervise": ("efficiency supervision: at-risk and overdue cases", "效能监察：临期和超期办件"),
    "trust.perm.calendar.manage": ("import and correct working-day calendars", "导入和更正工作日历"),
    "trust.perm.fee.record": ("record fee payments and waivers", "登记缴费和减免"),
    "trust.perm.personal.full": ("see resident ID numbers and phones unmasked", "查看完整的身份证号和电话"),
    "trust.perm.proxy.work": ("work on investment projects as a proxy agent", "作为代办员办理投资项目"),
    "trust.perm.proxy.manage": ("assign projects to agents", "向代办员分派项目"),
    "trust.perm.proxy.handoff": ("hand an investor's project to the proxy section", "将投资项目移交代办科"),
    "trust.perm.assess.manage": ("write reviews, enter deductions, freeze months, confirm quarters",
                                 "点评、扣分、封存月度、确认季度"),
    "trust.perm.assess.read": ("see assessments and awards", "查看考核和表彰"),
    "trust.perm.rating.record": ("record an applicant's rating", "登记办事人评价"),
    "trust.logged_in": ("logged in as {who} until {until}", "已登录：{who}，有效至 {until}"),
    "trust.logged_out": ("logged out", "已退出登录"),
    "trust.not_logged_in": ("not logged in", "未登录"),
    "trust.whoami": ("{who} ({role})", "{who}（{role}）"),
    "trust.session_not_found": ("no session {id}", "没有编号为 {id} 的会话"),
    "trust.session_revoked": ("session {id} of {who} revoked", "已撤销 {who} 的会话 {id}"),
    "trust.col_id": ("ID", "编号"),
    "trust.col_staff": ("Staff", "工作人员"),
    "trust.col_opened": ("Opened", "登录时间"),
    "trust.col_until": ("Valid until", "有效至"),
    "trust.col_revoked": ("Revoked", "撤销时间"),
    "trust.col_origin": ("From", "来源"),
    "trust.checkpoint_written": ("checkpoint of event {id} appended to {name}", "已将事件 {id} 的检查点追加到 {name}"),
    "trust.checkpoints_ok": ("{count} signed checkpoints in {path} agree", "{path} 中的 {count} 个签名检查点一致"),
    "trust.checkpoint_file_missing": ("checkpoint file {path} not found", "找不到检查点文件 {path}"),
    "trust.checkpoint_unreadable": ("checkpoint file line {line} cannot be read", "检查点文件第 {line} 行无法读取"),
    "trust.checkpoint_no_key": (
        "the checkpoints cannot be checked: the signing key (audit.key in the config directory) is missing",
        "无法核验检查点：缺少签名密钥（配置目录中的 audit.key）"),
    "trust.checkpoint_forged": ("checkpoint {name} is not signed with this hall's key",
                                "检查点 {name} 不是用本大厅的密钥签名的"),
    "trust.checkpoint_short": (
        "the audit trail was cut short: checkpoint {name} ({at}) names event {id}, the chain holds {checked}",
        "审计记录被截短：检查点 {name}（{at}）记录到事件 {id}，现有记录只有 {checked} 条"),
    "trust.checkpoint_differs": (
        "the audit trail was rewritten: event {id} differs from checkpoint {name} ({at})",
        "审计记录被改写：事件 {id} 与检查点 {name}（{at}）不符"),
    "trust.text_control": ("{field}: control or direction-changing character {char} is not allowed",
                           "{field}：不允许包含控制字符或文字方向控制字符 {char}"),
    "trust.code_case_clash": ("code {code} differs from the existing {other} only in case",
                              "编码 {code} 与已有的 {other} 仅大小写不同"),
    "trust.merge_cycle": ("merging {code} this way leads back to {code}", "这样合并会使 {code} 最终并回自身"),
    "trust.staff_case_clash": ("employee number {employee_no} differs from the existing {other} only in case",
                               "工号 {employee_no} 与已有的 {other} 仅大小写不同"),
    "trust.database_missing": (
        "database {path} not found (build one with hall db upgrade --db FILE, or hall demo)",
        "找不到数据库 {path}（可用 hall db upgrade --db 文件 新建，或运行 hall demo）"),
    "trust.pin_trivial": ("this PIN is too easy to guess (one digit repeated, a straight run, or the demo PIN)",
                          "密码过于简单（同一数字重复、连续数字或演示密码）"),
    "trust.recover_not_owner": (
        "--recover is only for the operating-system owner of the database file (or the role owning the schema)",
        "--recover 仅限数据库文件的操作系统属主（或拥有该模式的数据库角色）使用"),
    "trust.recover_not_needed": ("an administrator can still log in: ask them to unlock {employee_no}",
                                 "仍有管理员可以登录：请由其解锁 {employee_no}"),
    "trust.recover_not_admin": ("--recover restores an administrator; {employee_no} is not one",
                                "--recover 仅用于恢复管理员账号；{employee_no} 不是管理员"),
    "trust.recovered": ("{employee_no} unlocked by the database owner", "已由数据库属主解锁 {employee_no}"),
    "trust.import_decision_required": ("a {status} case needs its decision", "状态为 {status} 的办件必须有决定"),
    "trust.import_open_with_outcome": ("a {status} case has no decision or completion time yet",
                                       "状态为 {status} 的办件尚不能有决定或办结时间"),
    "trust.import_closed_without_decision": ("a {status} case has no decision", "状态为 {status} 的办件不能有决定"),
    "trust.import_too_long": ("{length} characters, at most {limit}", "长度 {length}，最多 {limit} 个字符"),
    "trust.import_due_before_accepted": ("the due date is before the acceptance", "承诺期限早于受理时间"),
    "trust.perm.db.backup": ("back up the database", "备份数据库"),
}

#: Chinese of the help texts of the trust commands (merged into :mod:`console.core.i18n.help_zh`)
HELP_ZH: dict[str, str] = {
    "Also sessions that ended or were revoked.": "也列出已结束或已撤销的会话。",
    "Command-line sessions: list and revoke them (administrators).": "命令行会话：列出和撤销（管理员）。",
    "Copy a SQLite database with the online backup API (an administrator; PostgreSQL: use pg_dump).":
        "用在线备份接口复制 SQLite 数据库（需管理员；PostgreSQL 请用 pg_dump）。",
    "End somebody's session now (administrators).": "立即结束某人的会话（管理员）。",
    "End the session of this user on this database.": "结束本用户在此数据库上的会话。",
    "List command-line sessions (administrators).": "列出命令行会话（管理员）。",
    "Log in once (the PIN is asked here) and act in a session until the end of the day or `hall logout`.":
        "登录一次（在此输入密码），当天内或执行 `hall logout` 前的命令都以此身份操作。",
    "Also check the signed checkpoints in FILE (default: the data directory's file, if there is one).":
        "同时核验 FILE 中的签名检查点（默认：数据目录中的检查点文件，如有）。",
    "Walk the hash chain and check it against the signed checkpoints; exit 9 naming what was changed or cut.":
        "逐条核验哈希链并与签名检查点比对；发现篡改或截短时以代码 9 退出并指明位置。",
    "Append to FILE (default: a file in the data directory).": "追加到 FILE（默认：数据目录中的文件）。",
    "Append a signed checkpoint (the last event, its hash, the time) to a file outside the database.":
        "将签名检查点（最后一条事件、其哈希、时间）追加到数据库之外的文件。",
    "Unlock an administrator without logging in, when every administrator is locked (the database's owner only).":
        "在所有管理员都被锁定时，无需登录即解锁一名管理员（仅限数据库属主）。",
    "The session's id (hall session list).": "会话编号（见 hall session list）。",
    "Who acts: the staff member of the session (or of --as) and their role.":
        "当前操作人：会话（或 --as）所指的工作人员及其角色。",
}
