"""Messages of ``hall demo``."""

MESSAGES = {
    "demo.not_empty": (
        "the database already holds a hall; the demo is built only into an empty database",
        "数据库中已有大厅数据；演示大厅只能建在空数据库中",
    ),
    "demo.replacing": ("replacing the existing file {path}", "替换已有文件 {path}"),
    "demo.building": ("building the demo hall (seed {seed}) in {target} …", "正在 {target} 中生成演示大厅（种子 {seed}）……"),
    "demo.built": (
        "built in {seconds} s: {departments} departments, {windows} windows, {staff} staff ({clerks} clerks), "
        "{townships} township centers, {villages} village rooms, {items} catalog items ({active_items} active)",
        "用时 {seconds} 秒：{departments} 个部门，{windows} 个窗口，{staff} 名工作人员（窗口人员 {clerks} 名），"
        "{townships} 个乡级便民服务中心，{villages} 个村级便民服务室，{items} 项审批事项（现行 {active_items} 项）",
    ),
    "demo.logins_title": ("Demo log-ins", "演示账号"),
    "demo.pin_note": ("every demo account's PIN is {pin}", "所有演示账号的密码均为 {pin}"),
    "demo.col_employee_no": ("Employee No.", "工号"),
    "demo.col_name": ("Name", "姓名"),
    "demo.col_role": ("Role", "角色"),
    "demo.col_window": ("Window", "窗口"),
    "demo.col_where": ("Where", "所在"),
    "demo.open_hint": ("open it with: hall --db {path}", "打开方式：hall --db {path}"),
    "demo.bad_cases": ("--cases must not be negative", "--cases 不能为负数"),
}
