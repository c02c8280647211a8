"""Chinese for the help texts of the operations commands (status, output formats, serving, logs, db checks)."""

HELP_ZH: dict[str, str] = {
    "The hall now: windows, waiting per service, today's figures, cases at risk, rectifications.":
        "大厅实况：各窗口、各业务等候、今日数据、临期办件、待整改。",
    "Print the figures as tables once instead of the live screen.": "以表格输出一次，而不打开实时界面。",
    "Site code (default: the staff member's site).": "站点编码（默认：工作人员所在站点）。",
    "Output: table, json, csv, xlsx (needs -o) or html (with a chart where the report has one).":
        "输出格式：table、json、csv、xlsx（需要 -o）或 html（报表有图表时附图）。",
    "Write the output to FILE instead of standard output.": "将输出写入文件而不是标准输出。",
    "Log more on standard error: -v info, -vv debug (the log file always has info).":
        "在标准错误输出更多日志：-v 信息，-vv 调试（日志文件总记录信息级）。",
    "Log everything, and show the traceback of an unexpected error.": "记录全部日志，并显示意外错误的回溯。",
    "Print the version and exit.": "显示版本号后退出。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全。",
    "Show completion for the current shell, to copy it or customize the installation.":
        "显示当前 shell 的补全脚本，可复制或自定义安装。",
    "Export the cases accepted in a period (streamed: any number of rows in bounded memory).":
        "导出某期间受理的办件（流式写出：行数再多也只占有限内存）。",
    "Revision to go back to (hall db status lists them), or base.": "要回退到的版本（见 hall db status），或 base。",
    "Confirm: tables and data of the later revisions are dropped.": "确认：之后版本的表和数据将被删除。",
    "Undo migrations down to REV (back up first: data of the later revisions is lost).":
        "撤销迁移直到版本 REV（请先备份：之后版本的数据会丢失）。",
    "Check that the database is at the newest revision and its tables match the models.":
        "检查数据库是否为最新版本，且表结构与模型一致。",
    "Database: upgrade, downgrade, status, check, backup.": "数据库：升级、回退、状态、检查、备份。",
    "The public screen to serve.": "要发布的公共屏幕。",
    "Address to listen on (0.0.0.0: every interface).": "监听地址（0.0.0.0：所有网卡）。",
    "Port to listen on.": "监听端口。",
    "Site code (default: the hall's only center).": "站点编码（默认：大厅唯一的中心）。",
    "Serve the hall display, the kiosk or the star board to web browsers (read-only, no log-in).":
        "通过网页浏览器发布叫号屏、取号机或星级榜（只读，无需登录）。",
    "Announce each call by voice (espeak-ng): Chinese, and English too with --lang en.":
        "语音播报每次叫号（espeak-ng）：中文；--lang en 时同时播报英文。",
    "Terminals: bind a desk's terminal to its window.": "终端：将窗口的终端绑定到该窗口。",
    "The terminal (default: this one).": "终端（默认：本终端）。",
    "Print this terminal's name (HALL_TERMINAL, else the tty, else the host).":
        "显示本终端名称（HALL_TERMINAL，否则为 tty，否则为主机名）。",
    "Window number.": "窗口号。",
    "Site of the window.": "窗口所在站点。",
    "Bind this terminal to WINDOW: clerks who log in here call for it (permission org.manage).":
        "将本终端绑定到窗口 WINDOW：在此登录的窗口人员为该窗口叫号（需要 org.manage 权限）。",
    "Remove this terminal's binding.": "解除本终端的绑定。",
    "Every terminal binding.": "列出所有终端绑定。",
}
