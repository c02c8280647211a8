"""Messages of personal-data checks."""

MESSAGES = {
    "personal.fullwidth": (
        "{value} contains full-width characters; type it with half-width characters: {half}",
        "{value} 含有全角字符，请用半角输入：{half}",
    ),
    "personal.id_length": (
        "a resident ID number has 18 characters, not {length}",
        "身份证号码应为 18 位，而不是 {length} 位",
    ),
    "personal.id_format": (
        "a resident ID number is 17 digits and a final digit or X",
        "身份证号码应为 17 位数字加 1 位数字或 X",
    ),
    "personal.id_check_digit": (
        "the check digit of this resident ID number is wrong (expected {expected}, got {got})",
        "身份证号码校验位错误（应为 {expected}，实为 {got}）",
    ),
    "personal.id_birth_date": (
        "the birth date {value} in this resident ID number does not exist",
        "身份证号码中的出生日期 {value} 不存在",
    ),
    "personal.id_birth_range": (
        "the birth date {value} in this resident ID number is impossible (in the future or before 1880)",
        "身份证号码中的出生日期 {value} 不可能（晚于今天或早于 1880 年）",
    ),
    "personal.id_region": (
        "the region code {code} of this resident ID number does not exist",
        "身份证号码的地区码 {code} 不存在",
    ),
    "personal.uscc_length": (
        "a unified social credit code has 18 characters, not {length}",
        "统一社会信用代码应为 18 位，而不是 {length} 位",
    ),
    "personal.uscc_format": (
        "a unified social credit code has 8 digits then 10 digits or capital letters (no I, O, S, V, Z)",
        "统一社会信用代码应为 8 位数字加 10 位数字或大写字母（不含 I、O、S、V、Z）",
    ),
    "personal.uscc_check_digit": (
        "the check digit of this unified social credit code is wrong (expected {expected})",
        "统一社会信用代码校验位错误（应为 {expected}）",
    ),
    "personal.phone_format": (
        "{value} is not a phone number (mobile: 11 digits starting 13–19; landline: area code and number)",
        "{value} 不是有效电话号码（手机：1 开头 11 位；固话：区号加号码）",
    ),
    "personal.valid_id": (
        "valid resident ID number: born {birth}, {sex}, {province} {county}",
        "身份证号码有效：出生于 {birth}，{sex}，{province}{county}",
    ),
    "personal.valid_uscc": ("valid unified social credit code: {value}", "统一社会信用代码有效：{value}"),
    "personal.valid_phone": ("valid phone number: {value}", "电话号码有效：{value}"),
    "personal.sex_male": ("male", "男"),
    "personal.sex_female": ("female", "女"),
}
