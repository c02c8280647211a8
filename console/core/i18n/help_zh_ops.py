"""Chinese for the help texts of the operations commands (status, output formats, serving, logs, db checks)."""

HELP_ZH: dict[str, str] = {
    "The hall now: windows, waiting per service, today's figures, cases at risk, rectifications.":
        "大厅实况：各窗口、各业务等候、今日数据、临期办件、待整改。",
    "Print the figures as tables once instead of the live screen.": "以表格输出一次，而不打开实时界面。",
    "Site code (default: the staff member's site).": "站点编码（默认：工作人员所在站点）。",
    "Output: table, json, csv or xlsx (xlsx needs -o).": "输出格式：table、json、csv 或 xlsx（xlsx 需要 -o）。",
    "Write the output to FILE instead of standard output.": "将输出写入文件而不是标准输出。",
}
