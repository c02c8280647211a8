"""Messages of the law's rules: receipt and deemed acceptance, extensions, suspensions, 容缺,
the provisional calendar, the ticket of a case, the three-level network, settings."""

MESSAGES = {
    # the provisional calendar
    "law.year_incomplete": (
        "{year} is not a complete official schedule: no holiday at {festivals} (without --complete "
        "the dates are imported as overrides and the year stays provisional)",
        "{year} 年不是完整的官方日历：{festivals} 没有假日（不加 --complete 时按单日调整导入，该年仍为暂定）",
    ),
    "law.recomputed": (
        "{checked} open case(s) rechecked, {moved} due date(s) moved",
        "已复核 {checked} 件在办件，{moved} 件的承诺期限有变",
    ),
    "law.recomputed_case": (
        "  {number}: {due_before} → {due_date}",
        "  {number}：{due_before} → {due_date}",
    ),
    "law.provisional_mark": ("(provisional)", "（暂定）"),
    "law.provisional_due": (
        "the due date is provisional: the official calendar of a year on the way is not announced yet",
        "承诺期限为暂定：所跨年份的官方日历尚未公布",
    ),
    "law.next_year_missing": (
        "the official calendar of {year} is not imported yet: due dates in {year} are provisional "
        "(hall calendar import FILE --complete)",
        "{year} 年官方日历尚未导入：落在 {year} 年的承诺期限均为暂定（hall calendar import 文件 --complete）",
    ),
}
MESSAGES.update({
    "law.deemed_mark": ("(deemed accepted)", "（视为受理）"),
    "law.info_received": ("Materials received: {at}", "收件时间：{at}"),
    "law.info_deemed": (
        "Deemed accepted from the day of receipt: no deficiency notice within 5 working days (§32(4))",
        "自收件之日起视为受理：收件后 5 个工作日内未一次性告知（行政许可法第三十二条）",
    ),
    "law.info_joint": ("Handled jointly by several departments (at most 45 + 15 working days)",
                       "多部门联合办理（不超过 45 个工作日，经批准可延长 15 个工作日）"),
    "law.info_ticket": ("Visit: ticket {ticket}", "来访号票：{ticket}"),
    "law.info_route": ("Route: {route} (now at {site})", "流转：{route}（当前：{site}）"),
})
