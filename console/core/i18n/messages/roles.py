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
}
