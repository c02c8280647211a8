"""Messages of the audit trail commands (``hall audit list|verify``)."""

MESSAGES = {
    "audit.bad_since": (
        "--since {value} is not a date or time (use 2009-05-31 or 2009-05-31T08:30)",
        "--since {value} 不是有效的日期或时间（例如 2009-05-31 或 2009-05-31T08:30）",
    ),
    "audit.bad_limit": ("--limit must be between 1 and {max}", "--limit 应在 1 到 {max} 之间"),
    "audit.broken_hash": (
        "audit event {id} was changed after it was written ({checked} events before it are intact)",
        "审计事件 {id} 写入后被修改（其前 {checked} 条事件完好）",
    ),
    "audit.broken_link": (
        "audit event {id} does not link to the event before it: an event was removed or replaced ({checked} intact)",
        "审计事件 {id} 与前一事件不衔接：有事件被删除或替换（其前 {checked} 条完好）",
    ),
    "audit.broken_missing": (
        "audit event {id} is missing: it was removed ({checked} events before it are intact)",
        "审计事件 {id} 缺失：已被删除（其前 {checked} 条事件完好）",
    ),
    "audit.broken_tail": (
        "audit event {id} and later ones were removed from the end of the trail ({checked} intact)",
        "审计记录末尾从事件 {id} 起被删除（其前 {checked} 条完好）",
    ),
    "audit.verified": ("audit trail intact: {count} events checked", "审计记录完好：已核验 {count} 条事件"),
    "audit.system": ("system", "系统"),
    "audit.col_id": ("#", "序号"),
    "audit.col_time": ("Time", "时间"),
    "audit.col_actor": ("Actor", "操作人"),
    "audit.col_action": ("Action", "操作"),
    "audit.col_entity": ("Entity", "对象"),
    "audit.col_summary": ("Summary", "摘要"),
}
