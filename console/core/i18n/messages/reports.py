"""Messages of the case reports."""

MESSAGES = {
    "report.title": ("Cases accepted {date_from} to {date_to}, by {by}", "{date_from} 至 {date_to} 受理办件统计（按{by}）"),
    "report.by_department": ("department", "部门"),
    "report.by_window": ("window", "窗口"),
    "report.by_site": ("site", "场所"),
    "report.by_item": ("item", "事项"),
    "report.by_month": ("month", "月份"),
    "report.col_group": ("Group", "分组"),
    "report.col_accepted": ("Accepted", "受理"),
    "report.col_completed": ("Completed", "办结"),
    "report.col_rate": ("Completion %", "办结率%"),
    "report.col_overdue": ("Overdue", "超期"),
    "report.col_fees": ("Fees (yuan)", "收费（元）"),
    "report.total": ("Total", "合计"),
    "report.fees_title": ("Fees {date_from} to {date_to}, by {by}", "{date_from} 至 {date_to} 收费统计（按{by}）"),
    "report.col_payments": ("Payments", "缴费笔数"),
    "report.col_paid": ("Paid (yuan)", "实收（元）"),
    "report.col_waivers": ("Waivers", "减免笔数"),
    "report.col_waived": ("Waived (yuan)", "减免（元）"),
    "report.by_day": ("day", "日"),
}
