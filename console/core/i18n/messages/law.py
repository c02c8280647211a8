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
MESSAGES.update({
    "law.received": (
        "materials received (receipt {id}) at {at}; a deficiency notice must be given by {by}",
        "已收件（收件记录 {id}，{at}）；如需一次性告知，须在 {by} 前发出",
    ),
    "law.already_received": ("the materials of {id} were received already at {at}", "{id} 已于 {at} 收件"),
    "law.notice_too_late": (
        "too late for a deficiency notice: the materials were received on {received} and the {days} working "
        "days ended on {deadline}; the application counts as accepted from the day of receipt (§32(4))",
        "已过一次性告知期限：材料于 {received} 收到，{days} 个工作日已于 {deadline} 届满，"
        "依行政许可法第三十二条自收件之日起视为受理",
    ),
    "law.refuse_too_late": (
        "too late to refuse acceptance: the materials were received on {received} and the {days} working "
        "days ended on {deadline}; the application counts as accepted from the day of receipt — decide it",
        "已过不予受理期限：材料于 {received} 收到，{days} 个工作日已于 {deadline} 届满，"
        "自收件之日起视为受理，请作出许可决定",
    ),
    "law.notice_issued": ("deficiency notice {no} issued (intake {id}): {missing}",
                          "已出具一次性告知书 {no}（收件记录 {id}）：{missing}"),
    "law.refused": ("refusal decision {no} issued (intake {id})", "已出具不予受理决定书 {no}（收件记录 {id}）"),
    "law.col_intake": ("Receipt", "收件记录"),
    "law.col_received": ("Received", "收件时间"),
    "law.col_notice_by": ("Notice by", "告知期限"),
    "law.col_deemed": ("Deemed", "视为受理"),
})
MESSAGES.update({
    "law.board_deemed": (
        "{count} receipt(s) past the 5-working-day notice limit: deemed accepted, register them (hall case receipts)",
        "{count} 件收件已超过 5 个工作日告知期限，视为受理，请登记受理（hall case receipts）",
    ),
})
MESSAGES.update({
    "law.extension_reason": ("an extension needs the reason told to the applicant (§42)",
                             "延期须写明告知申请人的理由（行政许可法第四十二条）"),
    "law.extension_once": (
        "{number} was extended already ({days} working days, approved by {approved_by}): the law allows one "
        "extension",
        "{number} 已延期一次（{days} 个工作日，批准人 {approved_by}）：依法只能延期一次",
    ),
    "law.joint_limit": ("joint handling keeps one clock of 1 to {max} working days",
                        "联合办理的办理时限应为 1 至 {max} 个工作日"),
    "law.joint_days_alone": ("--joint-days is for a case handled jointly (--joint)",
                             "--joint-days 仅用于联合办理（--joint）"),
})
MESSAGES.update({
    "law.ticket_unknown": ("no ticket {ticket} at this site on {day}", "本站点 {day} 没有 {ticket} 号票"),
    "law.ticket_not_served": (
        "ticket {ticket} is {status}: a case comes from a ticket served at this window",
        "{ticket} 号票状态为 {status}：只有本窗口正在办理或已办理的号票才能关联办件",
    ),
})
MESSAGES.update({
    "law.statutory_days": ("a statutory time limit is 1 to 999 working days", "法定时限应为 1 至 999 个工作日"),
    "law.extension_limit": ("an extension limit is 0 to 999 working days", "延期上限应为 0 至 999 个工作日"),
    "law.limit_basis": ("a time limit other than §42's needs its legal basis",
                        "与行政许可法第四十二条不同的时限须注明法律依据"),
    "law.promise_over_limit": ("the promise of {promised} working days exceeds the statutory {limit}",
                               "承诺时限 {promised} 个工作日超过法定时限 {limit} 个工作日"),
    "law.main_materials": ("main materials must be required materials of the item (not {positions})",
                           "主要材料必须是该事项的必要材料（{positions} 不是）"),
    "law.fee_waiver_basis": ("a fee waiver needs its legal basis", "收费减免须注明法律依据"),
})
MESSAGES.update({
    "law.reason.supplement": ("supplement of materials", "补正材料"),
    "law.reason.hearing": ("hearing", "听证"),
    "law.reason.tendering": ("tendering", "招标"),
    "law.reason.auction": ("auction", "拍卖"),
    "law.reason.inspection": ("inspection", "检验"),
    "law.reason.testing": ("testing", "检测"),
    "law.reason.quarantine": ("quarantine", "检疫"),
    "law.reason.appraisal": ("appraisal", "鉴定"),
    "law.reason.expert_review": ("expert review", "专家评审"),
    "law.reason.public_notice": ("public notice", "公示"),
    "law.clock_day_future": ("{day} is in the future", "{day} 尚未到来"),
    "law.suspend_overlaps": ("{day} is before the end of the last suspension ({last})",
                             "{day} 早于上一次暂停计时的结束日（{last}）"),
    "law.no_suspension": ("case {number} has no such suspension", "办件 {number} 没有对应的暂停计时记录"),
    "law.doc_notice_no": ("Notice No.", "告知书编号"),
    "law.doc_reason": ("Reason (§45)", "暂停事由（行政许可法第四十五条）"),
    "law.doc_note": ("Details", "具体说明"),
    "law.doc_stopped_on": ("Clock stopped on", "暂停计时日期"),
    "law.doc_resumed_on": ("Clock restarted on", "恢复计时日期"),
    "law.doc_not_counted": ("Working days not counted", "不计入办理时限的工作日"),
    "law.doc_suspension_title": ("Notice of suspension of the time limit", "暂停计时告知书"),
    "law.doc_suspension_footer": (
        "Under Article 45 of the Administrative Licensing Law the time needed for the above does not count "
        "against the time limit; you will be told in writing when the clock restarts.",
        "依据《中华人民共和国行政许可法》第四十五条，上述事项所需时间不计算在办理期限内；恢复计时时将另行书面告知。",
    ),
    "law.doc_resumption_title": ("Notice of resumption of the time limit", "恢复计时告知书"),
    "law.doc_resumption_footer": (
        "The time limit runs again from the day above; the due date is given above.",
        "自上述日期起恢复计算办理期限，承诺办结日期如上。",
    ),
})
MESSAGES.update({
    "law.already_waiting_here": (
        "this ID number already has a waiting ticket here today ({number}): one at a time per site and day",
        "该身份证号今天在本站点已有等候中的号票（{number}）：同一站点每天同时只能持有一张",
    ),
})
MESSAGES.update({
    "law.col_became_cases": ("Cases", "成件"),
})
MESSAGES.update({
    "law.agent_needs_village": ("a village agent works at a village service room, without a window",
                                "村级代办员须属于村级便民服务室，且不设窗口"),
    "law.site_unknown": ("no site {site}", "没有站点 {site}"),
    "law.forward_not_here": ("case {number} is at {site}: only staff there may send it on",
                             "办件 {number} 当前在 {site}：只有该站点工作人员可以转送"),
    "law.forward_same_site": ("the case is at {site} already", "办件已在 {site}"),
    "law.forward_back_reason": ("sending a case back needs a reason", "退回办件须说明理由"),
    "law.forward_not_on_route": (
        "{site} is neither above {here} in the network nor a site the case came through",
        "{site} 既不是 {here} 的上级站点，也不是办件经过的站点",
    ),
    "law.forwarded": ("case {number} is now at {site}", "办件 {number} 已转至 {site}"),
    "law.doc_route": ("Sent on", "流转去向"),
})
MESSAGES.update({
    "law.level_center": ("city center", "市行政服务中心"),
    "law.level_township": ("township centers", "乡级便民服务中心"),
    "law.level_village": ("village service rooms", "村级便民服务室"),
})
MESSAGES.update({
    "law.waiver_main_missing": (
        "a waiver acceptance needs every main material: {names} missing",
        "容缺受理须主要材料齐全：缺少 {names}",
    ),
    "law.waiver_blacklisted": (
        "the applicant is on the credit blacklist ({source}, listed {listed_on}): no waiver acceptance",
        "申请人在失信名单上（{source}，{listed_on} 列入）：不适用容缺受理",
    ),
    "law.fee_waiver_not_allowed": ("the fee of {code} may not be waived (no legal basis for a waiver)",
                                   "{code} 的费用不可减免（无减免依据）"),
    "law.blacklist_row_shape": ("a row is id_no,name,reason,source,listed_on",
                                "每行格式应为 证件号码,姓名,原因,来源,列入日期"),
    "law.blacklist_bad_id": ("{value} is not an ID number or credit code", "{value} 不是证件号码或信用代码"),
    "law.blacklist_duplicate": ("listed twice (first in row {row})", "重复（首次在第 {row} 行）"),
    "law.blacklist_source": ("the source of the listing is needed", "须注明名单来源"),
    "law.blacklist_empty": ("the file has no rows", "文件中没有记录"),
    "law.blacklist_imported": ("{count} listing(s) imported", "已导入 {count} 条失信记录"),
    "law.col_source": ("Source", "来源"),
    "law.col_listed_on": ("Listed", "列入日期"),
    "law.col_reason": ("Reason", "原因"),
})
MESSAGES.update({
    "law.setting_range": ("the value is a whole number from {low} to {high}", "取值应为 {low} 至 {high} 的整数"),
    "law.setting_choice": ("the value is one of {choices}", "取值应为 {choices} 之一"),
    "law.setting_unknown": ("no setting {key} (settings: {keys})", "没有设置项 {key}（可设置：{keys}）"),
    "law.setting_set": ("{key} = {value}", "{key} 已设为 {value}"),
    "law.col_key": ("Setting", "设置项"),
    "law.col_value": ("Value", "取值"),
    "law.col_default": ("Default", "默认值"),
})
MESSAGES.update({
    "law.onsite_not_workday": ("{date} is not a working day: a head's on-site day is a working day at the hall",
                               "{date} 不是工作日：一把手现场办公须在工作日"),
})
MESSAGES.update({
    "report.by_level": ("site level", "站点层级"),
})
MESSAGES.update({
    "law.provisional_short": ("~", "暂"),
})
