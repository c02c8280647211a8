"""Messages of setting up a hall: ``hall db init``, ``hall org import|export``, ``hall site|department|window add``."""

MESSAGES = {
    # db init
    "setup.init_not_owner": (
        "only the database's owner may set up a new hall (the owner of the SQLite file, "
        "or a PostgreSQL role owning the schema)",
        "只有数据库的所有者（SQLite 文件的属主，或拥有该模式的 PostgreSQL 角色）才能初始化新大厅"),
    "setup.init_has_staff": (
        "this hall is set up already ({count} staff): an administrator adds staff with hall staff add",
        "该大厅已初始化（已有 {count} 名工作人员）：请由管理员用 hall staff add 添加人员"),
    "setup.init_site_taken": ("site {site} exists already and is a {kind}, not a center",
                              "场所 {site} 已存在，类型为 {kind}，不是行政服务中心"),
    "setup.initialized": ("hall set up: center {site} {site_name}, administrator {admin} {name}",
                          "大厅已初始化：中心 {site} {site_name}，管理员 {admin} {name}"),
    "setup.init_next": (
        "next: hall org import FILE --as {admin} (sites, departments, windows, staff), then "
        "hall staff reset-pin EMPLOYEE_NO --as {admin} for each new staff member",
        "下一步：hall org import 文件 --as {admin}（场所、部门、窗口、人员），然后为每位新人员执行 "
        "hall staff reset-pin 工号 --as {admin}"),
    # checks of the use cases
    "setup.bad_code": ("{value!r} is not a code: letters, digits, '.', '-' or '_', at most {limit} characters",
                       "{value!r} 不是有效代码：只能由字母、数字、“.”“-”“_”组成，最多 {limit} 个字符"),
    "setup.required": ("{field} is required", "{field} 不能为空"),
    "setup.too_long": ("{field} has {length} characters, at most {limit} are allowed",
                       "{field} 有 {length} 个字符，最多 {limit} 个"),
    "setup.code_case_clash": ("{code} differs from the existing {other} only in upper and lower case",
                              "{code} 与已有的 {other} 仅大小写不同"),
    "setup.center_has_no_parent": ("site {site} is a center: a center has no parent site",
                                   "场所 {site} 是行政服务中心，不能有上级场所"),
    "setup.parent_required": ("site {site} ({kind}) needs a parent site", "场所 {site}（{kind}）需要上级场所"),
    "setup.parent_self": ("site {site} cannot be its own parent", "场所 {site} 不能是自己的上级"),
    "setup.parent_level": (
        "site {site} ({kind}) cannot be under {parent} ({parent_kind}): a township center is under a center, "
        "a village service room under a township center",
        "场所 {site}（{kind}）不能隶属于 {parent}（{parent_kind}）：乡级便民服务中心隶属于行政服务中心，"
        "村级便民服务室隶属于乡级便民服务中心"),
    "setup.children_level": ("site {site} cannot become a {kind}: site {child} is under it",
                             "场所 {site} 不能改为 {kind}：其下有场所 {child}"),
    "setup.site_exists": ("site {code} exists already", "场所 {code} 已存在"),
    "setup.department_exists": ("department {code} exists already", "部门 {code} 已存在"),
    "setup.window_exists": ("window {code} exists already", "窗口 {code} 已存在"),
    "setup.window_needs_department": ("window {window} needs at least one department",
                                      "窗口 {window} 至少要服务一个部门"),
    "setup.window_staff_department": (
        "window {window} must keep serving the department of {employee_no}, who works there",
        "窗口 {window} 必须继续服务在此工作的 {employee_no} 所属部门"),
    # the organization file
    "setup.err_header_unknown": ("unknown column {column}; the columns are: {expected}",
                                 "未知列 {column}；应有的列：{expected}"),
    "setup.err_header_duplicate": ("column {column} appears twice", "列 {column} 出现了两次"),
    "setup.err_header_missing": ("missing columns: {columns}", "缺少列：{columns}"),
    "setup.err_file_empty": ("the file is empty", "文件为空"),
    "setup.err_no_rows": ("the file has a header but no rows", "文件只有表头，没有数据行"),
    "setup.err_extra_cells": ("the row has {count} cells, the header {header}",
                              "该行有 {count} 个单元格，表头只有 {header} 个"),
    "setup.err_table": ("{value!r} is not a table; use one of: {tables}", "{value!r} 不是有效的表；可选：{tables}"),
    "setup.err_required": ("required", "不能为空"),
    "setup.err_not_used": ("a {table} row leaves {column} empty", "{table} 行的 {column} 列应为空"),
    "setup.err_duplicate": ("{code} is in the file already (row {first})", "{code} 在文件中已出现（第 {first} 行）"),
    "setup.err_bool": ("{value!r} is not yes or no", "{value!r} 不是 yes 或 no"),
    "setup.err_date": ("{value!r} is not a date (YYYY-MM-DD)", "{value!r} 不是日期（YYYY-MM-DD）"),
    "setup.imported": (
        "imported: sites {site[created]} new, {site[updated]} changed; departments {department[created]} new, "
        "{department[updated]} changed; windows {window[created]} new, {window[updated]} changed; "
        "staff {staff[created]} new, {staff[updated]} changed; {unchanged} rows unchanged",
        "已导入：场所新增 {site[created]}、修改 {site[updated]}；部门新增 {department[created]}、修改 "
        "{department[updated]}；窗口新增 {window[created]}、修改 {window[updated]}；人员新增 "
        "{staff[created]}、修改 {staff[updated]}；{unchanged} 行无变化"),
    "setup.new_staff_no_pin": (
        "new staff without a PIN yet (nobody can log in as them): {staff}. Give each one a PIN: "
        "hall staff reset-pin EMPLOYEE_NO",
        "新人员尚无密码（无法登录）：{staff}。请逐一设置密码：hall staff reset-pin 工号"),
    "setup.exported": ("{count} rows written to {path}", "已将 {count} 行写入 {path}"),
    # single commands
    "setup.site_created": ("site {code} added", "已添加场所 {code}"),
    "setup.department_created": ("department {code} added", "已添加部门 {code}"),
    "setup.window_created": ("window {code} added", "已添加窗口 {code}"),
}
