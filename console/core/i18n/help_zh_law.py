"""Chinese for the help texts of the law's commands (merged into :data:`help_zh.HELP_ZH`)."""

HELP_ZH_LAW: dict[str, str] = {
    "Also print the document: text or html.": "同时输出文书：text 或 html。",
    "Also print the written notice to the applicant: text or html.": "同时输出给申请人的书面告知书：text 或 html。",
    "CSV rows: id_no,name,reason,source,listed_on.": "CSV 行：证件号码,姓名,原因,来源,列入日期。",
    "Change one setting (audited).": "修改一项设置（记入审计）。",
    "Continue this kept receipt, draft or notice (its id).": "接续该收件记录、草稿或告知记录（编号）。",
    "Credit blacklist: import, list (those listed get no waiver acceptance).":
        "失信名单：导入、列出（名单内申请人不适用容缺受理）。",
    "Handled jointly by several departments (one clock, at most 45 working days).":
        "多部门联合办理（统一计时，最长 45 个工作日）。",
    "Import listings with their source and date (all or nothing).": "导入失信记录及其来源和日期（全部成功或全部不导入）。",
    "Import overrides, or with --complete whole official years; open cases' due dates are recomputed.":
        "导入单日调整，或加 --complete 导入整年官方日历；在办件的承诺期限随之重算。",
    "Issue the deficiency notice (一次性告知书): every missing material at once, within 5 working days\nof receipt.":
        "出具一次性告知书：一次告知全部缺少的材料，须在收件后 5 个工作日内。",
    "Positions of the main materials (容缺 needs all of them), e.g. 1,2.": "主要材料的序号（容缺受理须全部齐全），如 1,2。",
    "Receipts still without an outcome: the deficiency-notice deadline, and deemed acceptance past it.":
        "尚未处理的收件：一次性告知期限，逾期即视为受理。",
    "Record the materials received (收件): the 5-working-day deficiency-notice limit starts.":
        "登记收件：5 个工作日的一次性告知期限开始计算。",
    "Refuse to accept the application (不予受理决定书), with the reason and the legal basis.":
        "不予受理（不予受理决定书），写明理由和法律依据。",
    "Restart the clock; the due date moves, and the applicant is told in writing.": "恢复计时；承诺期限顺延，并书面告知申请人。",
    "Send a case on across the three-level network (village → township → city, or back).":
        "在市乡村三级网络中转送办件（村 → 乡 → 市，或退回）。",
    "Settings: case-number pattern, yellow warning, unrated visits.": "设置：办件编号格式、黄牌预警、未评价的默认等级。",
    "Show an item's statutory limits, main materials and fee waiver; with options, change them.":
        "显示事项的法定时限、主要材料和收费减免；带选项时修改。",
    "Stop the clock for a reason the law allows (§45), and tell the applicant in writing.":
        "因法定事由暂停计时（行政许可法第四十五条），并书面告知申请人。",
    "The day the clock restarted (YYYY-MM-DD; default today).": "恢复计时的日期（YYYY-MM-DD，默认今天）。",
    "The day the clock stopped (YYYY-MM-DD; default today).": "暂停计时的日期（YYYY-MM-DD，默认今天）。",
    "The file is the whole official schedule of the years it names: they stop being provisional.":
        "文件是所含年份的完整官方日历：这些年份不再是暂定。",
    "The joint case's promised working days (at most 45).": "联合办理的承诺工作日（最多 45 个）。",
    "The law's time limit when not 20 working days (0: back to 20).": "法定时限（不是 20 个工作日时；0 表示恢复 20）。",
    "The legal basis of a different limit.": "不同时限的法律依据。",
    "The legal basis of the fee waiver.": "收费减免的法律依据。",
    "The legal basis of the refusal.": "不予受理的法律依据。",
    "The listed applicants, newest listing first.": "名单内的申请人，最新列入的在前。",
    "The most days the one extension may add when not 10 (-1: back to 10).": "延期最多天数（不是 10 时；-1 表示恢复 10）。",
    "The new value.": "新的取值。",
    "The served queue ticket of this visit (its number, e.g. A003).": "本次来访已办理的号票（号码，如 A003）。",
    "The settings with their values and defaults.": "各设置项的取值和默认值。",
    "The site code to send it to (its township, the city center, or back).": "转送到的站点编码（所属乡镇、市中心，或退回）。",
    "Whether the fee may be waived.": "费用是否可以减免。",
    "Why (needed when sending it back).": "理由（退回时必填）。",
    "Why the application is not accepted.": "不予受理的理由。",
    "case.number_pattern, case.yellow_days, rating.default_after_days or rating.default_level.":
        "case.number_pattern、case.yellow_days、rating.default_after_days 或 rating.default_level。",
    "department, window, site, item, month or level (city, townships, villages).":
        "department（部门）、window（窗口）、site（站点）、item（事项）、month（月份）或 level（市、乡、村）。",
    "hearing, tendering, auction, inspection, testing, quarantine, appraisal, expert_review, supplement or public_notice.":
        "取值： hearing 听证、 tendering 招标、 auction 拍卖、 inspection 检验、 testing 检测、 quarantine 检疫、 "
        "appraisal 鉴定、 expert_review 专家评审、 supplement 补正、 public_notice 公示。",
}

#: the name every ``help_zh_<part>.py`` gives its table (read by :mod:`console.cli.helptext`)
HELP_ZH = HELP_ZH_LAW
