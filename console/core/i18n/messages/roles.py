"""Messages of what each role may do on the screens: revealing personal data, the staff
screen's administration, the window queue without a window, closing the kiosk, leaving a dialog."""

MESSAGES = {
    # the window queue without a window
    "roles.no_window_admin": (
        "Your account has no window: the window queue is for the clerk at a window. "
        "Log in with that clerk's number at the window's terminal.",
        "您的账号没有窗口：窗口叫号由窗口工作人员使用。请在窗口终端用该窗口工作人员的工号登录。",
    ),
    "roles.no_window_staff": (
        "You have no window, so you cannot call tickets. Ask an administrator to give you a window.",
        "您未分配窗口，不能叫号。请联系管理员为您分配窗口。",
    ),
    # the staff screen: an administrator's keys
    "roles.key.unlock": ("unlock", "解锁"),
    "roles.tip.unlock": ("Unlock the highlighted account and clear its wrong PINs (hall staff unlock)",
                         "解锁所选账号并清零密码错误次数（hall staff unlock）"),
    "roles.key.lock": ("lock", "锁定"),
    "roles.tip.lock": ("Lock the highlighted account: it cannot log in until unlocked (hall staff lock)",
                       "锁定所选账号：解锁前不能登录（hall staff lock）"),
    "roles.key.reset_pin": ("new PIN", "重设密码"),
    "roles.tip.reset_pin": ("Give the highlighted staff member a new PIN, typed twice (hall staff reset-pin)",
                            "为所选人员设置新密码，输入两次（hall staff reset-pin）"),
    "roles.key.deactivate": ("deactivate", "停用"),
    "roles.tip.deactivate": ("Deactivate the highlighted staff member after a confirmation; their history stays "
                             "(hall staff deactivate)",
                             "确认后停用所选人员，其记录保留（hall staff deactivate）"),
    "roles.staff.none": ("No staff member is highlighted.", "未选中工作人员。"),
    "roles.staff.pin_title": ("New PIN for {employee_no} {name}", "为 {employee_no} {name} 设置新密码"),
    "roles.staff.pin_note": (
        "6 to 8 digits, not trivial (not one digit repeated, not a run like 123456). Tell it to the staff "
        "member in person; their open sessions end.",
        "6 至 8 位数字，不能过于简单（不能全部相同，不能是 123456 这样的连续数字）。请当面告知本人；其已登录的会话将结束。",
    ),
    "roles.staff.deactivate_question": (
        "Deactivate {employee_no} {name}? They can no longer log in; their cases and history stay.",
        "停用 {employee_no} {name}？停用后不能再登录，其办件和记录保留。",
    ),
    # closing the kiosk
    "roles.kiosk.key.exit": ("staff exit", "工作人员退出"),
    "roles.kiosk.tip.exit": ("Close the kiosk: a supervisor's or an administrator's number and PIN",
                             "关闭取号机：需督查人员或管理员的工号和密码"),
    "roles.kiosk.key.cancel": ("back", "返回"),
    "roles.kiosk.tip.cancel": ("Back to the kiosk, which stays open", "返回取号机，不关闭"),
    "roles.kiosk.title": ("Close the kiosk", "关闭取号机"),
    "roles.kiosk.who": ("Staff only: a supervisor or an administrator.", "仅限工作人员：督查人员或管理员。"),
    "roles.kiosk.hint": ("Enter: close the kiosk   Esc: back to the kiosk", "回车：关闭取号机   Esc：返回取号机"),
    "roles.kiosk.not_allowed": ("{employee_no} may not close the kiosk: only a supervisor or an administrator may.",
                                "{employee_no} 无权关闭取号机：仅督查人员或管理员可以关闭。"),
    # leaving a changed dialog
    "roles.leave.hint_dialog": ("k or Enter: keep what was typed (the form opens with it again) · d: discard · "
                                "Esc: stay",
                                "k 或回车：保留填写的内容（再次打开时恢复）· d：放弃 · Esc：留在此处"),
    # personal data: masked unless revealed
    "roles.key.reveal": ("show ID", "显示证件"),
    "roles.tip.reveal": ("Show the applicant's full ID number and phone (recorded in the audit trail); "
                         "again: mask them",
                         "完整显示申请人的证件号码和电话（记入审计日志）；再按一次恢复遮盖"),
    "roles.revealed": ("ID and phone shown in full; recorded in the audit trail. Ctrl+R masks them again.",
                       "证件号码和电话已完整显示，已记入审计日志。按 Ctrl+R 恢复遮盖。"),
    "roles.nothing_to_reveal": ("Nothing is masked on this record.", "此记录没有遮盖的信息。"),
}
