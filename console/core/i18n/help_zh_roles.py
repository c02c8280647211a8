"""Chinese for the command line's help texts of revealing personal data (``--reveal``)."""

HELP_ZH: dict[str, str] = {
    "Show the applicants' full ID numbers and phones (needs a role that may; audited, one event a case).":
        "完整显示申请人的证件号码和电话（须角色有权；记入审计日志，每个办件一条）。",
    "Show one case (the applicant's ID and phone masked; --reveal shows them, audited).":
        "查看一个办件（申请人的证件号码和电话遮盖显示；--reveal 完整显示并记入审计日志）。",
    "List cases, newest first (applicants' IDs masked; --reveal shows them, audited).":
        "列出办件，最新在前（申请人证件号码遮盖显示；--reveal 完整显示并记入审计日志）。",
    "Show the contact's full phone (needs a role that may; audited).":
        "完整显示联系人电话（须角色有权；记入审计日志）。",
    "One project: enterprise, the clock, each item with its department and blocker, visits, timeline.\n\n"
    "The contact's phone is masked; ``--reveal`` shows it (audited).":
        "一个项目：企业、时限、各事项及其部门和阻碍、回访、时间线。\n\n联系人电话遮盖显示；``--reveal`` 完整显示（记入审计日志）。",
    "Show the ID numbers in full (needs a role that may; audited).":
        "完整显示证件号码（须角色有权；记入审计日志）。",
    "The listed applicants, newest listing first (ID numbers masked; --reveal shows them, audited).":
        "失信名单中的申请人，最新列入在前（证件号码遮盖显示；--reveal 完整显示并记入审计日志）。",
}
