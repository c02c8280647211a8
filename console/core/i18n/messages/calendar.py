"""Messages of the working-day calendar."""

MESSAGES = {
    "calendar.year_unknown": (
        "no calendar data for the year {year}: an administrator must import it first (hall calendar import)",
        "没有 {year} 年的工作日历数据：请管理员先导入（hall calendar import）",
    ),
    "calendar.year_out_of_range": (
        "the calendar covers the years {first} to {last}, not {year}",
        "工作日历只涵盖 {first} 年至 {last} 年，不含 {year} 年",
    ),
    "calendar.provisional_note": (
        "provisional: the official calendar of {years} is not known yet (weekends and statutory holidays "
        "only, no make-up workdays) until an administrator imports it (hall calendar import)",
        "暂定结果：{years} 年的官方日历尚未公布（只按周末和法定节假日计算，不含调休上班日），"
        "请管理员导入后再确认（hall calendar import）",
    ),
    "calendar.days_negative": ("the number of working days cannot be negative", "工作日天数不能为负数"),
    "calendar.bad_date": ("{value} is not a date (YYYY-MM-DD)", "{value} 不是有效日期（YYYY-MM-DD）"),
    "calendar.bad_kind": ("{value} is not a day kind (workday or holiday)", "{value} 不是有效类型（workday 或 holiday）"),
    "calendar.row_shape": ("a row is date,kind[,note]", "每行格式应为 日期,类型[,备注]"),
    "calendar.duplicate_date": ("{value} is listed twice (first in row {row})", "{value} 重复出现（首次在第 {row} 行）"),
    "calendar.note_too_long": ("the note is longer than 200 characters", "备注超过 200 个字符"),
    "calendar.import_empty": ("the file has no dates", "文件中没有日期"),
    "calendar.imported": (
        "{days} date(s) imported; years added: {years}",
        "已导入 {days} 个日期；新增年份：{years}",
    ),
    "calendar.file_unreadable": ("cannot read {path}: {detail}", "无法读取 {path}：{detail}"),
    "calendar.col_date": ("Date", "日期"),
    "calendar.col_weekday": ("Weekday", "星期"),
    "calendar.col_kind": ("Kind", "类型"),
    "calendar.col_source": ("Source", "来源"),
    "calendar.col_note": ("Note", "备注"),
    "calendar.kind_holiday": ("holiday", "休息"),
    "calendar.kind_workday": ("make-up workday", "调休上班"),
    "calendar.source_library": ("library", "官方日历"),
    "calendar.source_override": ("override", "管理员设置"),
    "calendar.source_provisional": ("provisional", "暂定（未公布）"),
    "calendar.show_title": ("Calendar {year}", "{year} 年工作日历"),
}
