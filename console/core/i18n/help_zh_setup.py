"""Chinese help texts of setting up a hall (``hall db init``, ``hall org``, ``hall site|department|window add``)."""

HELP_ZH: dict[str, str] = {
    "Set up a new hall: the schema, the center and its first administrator (the database's owner, no staff yet).":
        "初始化新大厅：建立数据库结构、行政服务中心及第一位管理员（仅限数据库所有者，且尚无任何工作人员）。",
    "Code of the center (行政服务中心), e.g. 410185.": "行政服务中心的代码，例如 410185。",
    "Name of the center.": "行政服务中心的名称。",
    "Employee number of the first administrator.": "第一位管理员的工号。",
    "The administrator's full name.": "管理员的姓名。",
    "The hall's structure as one file: import, export (sites, departments, windows, staff).":
        "以一个文件管理大厅结构：导入、导出（场所、部门、窗口、人员）。",
    "A .csv or .xlsx organization file.": "组织结构文件（.csv 或 .xlsx）。",
    "Import sites, departments, windows and staff: all rows or none; existing codes are updated.":
        "导入场所、部门、窗口和人员：全部成功或全部不导入；已有代码的记录将被更新。",
    "Export the hall's structure (active staff, never PINs) in the format import reads.":
        "按导入格式导出大厅结构（在岗人员，从不导出密码）。",
    "Add a site (an administrator).": "添加场所（管理员）。",
    "Site code (letters, digits, '.', '-', '_').": "场所代码（字母、数字、“.”“-”“_”）。",
    "The site's name.": "场所名称。",
    "Parent site: a center for a township, a township for a village.":
        "上级场所：乡级中心的上级为行政服务中心，村级服务室的上级为乡级中心。",
    "Address.": "地址。",
    "Add a department (an administrator).": "添加部门（管理员）。",
    "The department's name.": "部门名称。",
    "A site it is stationed at (repeatable).": "部门进驻的场所（可重复）。",
    "Its administrative service section (行政服务科).": "部门的行政服务科。",
    "Chief representative.": "首席代表。",
    "Add a window serving one department, or several (a comprehensive window; an administrator).":
        "添加服务一个部门或多个部门（综合窗口）的窗口（管理员）。",
    "Window number at the site, e.g. 03.": "场所内的窗口号，例如 03。",
    "The window's site.": "窗口所在场所。",
    "A department it serves (repeat for a comprehensive window).": "窗口服务的部门（综合窗口可重复）。",
    "The window's name.": "窗口名称。",
}
