"""Messages of catalog reading."""

MESSAGES = {
    "catalog.department_not_found": ("no department {department}", "没有部门 {department}"),
    "catalog.item_not_found": ("no item with code {code}", "没有编码为 {code} 的事项"),
}
