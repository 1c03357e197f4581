"""The row rules of the rosters (backend/skillbase/rosters/rules.py), without a database."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from skillbase.models.enums import CertificateKind, CertificateLevel, RosterKind
from skillbase.rosters import rules
from tests.factories import resident_id

PERIOD = (date(2026, 11, 15), date(2026, 12, 14))
CERT_HEADER = [c.header for c in rules.CERTIFICATE_COLUMNS]
TRAINEE_HEADER = [c.header for c in rules.TRAINEE_COLUMNS]
GOOD_ID = resident_id("19900101", 12)


def cert(**over: Any) -> list[Any]:
    row = {
        "姓名": "李四",
        "身份证号码": GOOD_ID,
        "证书类别": "职业技能等级证书",
        "职业（工种）": "电工",
        "等级": "高级工",
        "证书编号": "S0001",
        "发证日期": "2026-12-01",
        "发证机构": "顺义区职业技能鉴定中心",
    }
    row.update(over)
    return [row[h] for h in CERT_HEADER]


def trainee(**over: Any) -> list[Any]:
    row = {
        "姓名": "王五",
        "身份证号码": GOOD_ID,
        "职业（工种）": "电工",
        "培训项目": "电工提升班",
        "开始日期": date(2026, 11, 20),
        "结束日期": date(2026, 12, 1),
        "是否结业": "是",
        "是否参与满意度调查": "是",
        "是否满意": "是",
    }
    row.update(over)
    return [row[h] for h in TRAINEE_HEADER]


def check(kind: RosterKind, cells: list[Any]) -> tuple[dict[str, Any] | None, list[rules.RowError]]:
    header = CERT_HEADER if kind is RosterKind.certificates else TRAINEE_HEADER
    return rules.check_cells(kind, rules.map_header(kind, header), 2, cells, PERIOD)


def codes(kind: RosterKind, cells: list[Any]) -> list[tuple[str, str]]:
    return [(e.column, e.code) for e in check(kind, cells)[1]]


def test_a_valid_certificate_row_maps_labels_to_enums() -> None:
    values, errors = check(RosterKind.certificates, cert())
    assert errors == [] and values is not None
    assert values["kind"] is CertificateKind.skill_level and values["level"] is CertificateLevel.senior
    assert values["issued_on"] == date(2026, 12, 1)


def test_resident_id_with_a_wrong_check_digit_names_the_expected_one() -> None:
    wrong = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")
    _, errors = check(RosterKind.certificates, cert(身份证号码=wrong))
    assert [(e.column, e.code) for e in errors] == [("身份证号码", "check_digit")]
    assert f"应为 {GOOD_ID[17]}" in errors[0].message


def test_a_lower_case_x_check_character_is_accepted_and_upper_cased() -> None:
    seq = next(s for s in range(1, 999) if resident_id("19850505", s).endswith("X"))
    number = resident_id("19850505", seq)
    values, errors = check(RosterKind.certificates, cert(身份证号码=number.lower()))
    assert errors == [] and values is not None and values["id_number"] == number


@pytest.mark.parametrize(
    ("value", "code"), [("11011319900101", "length"), ("11011319901301001X", "birth_date"), (110113199001010011.0, "id_as_number")]
)
def test_malformed_resident_ids_are_named(value: Any, code: str) -> None:
    assert codes(RosterKind.certificates, cert(身份证号码=value)) == [("身份证号码", code)]


@pytest.mark.parametrize("day", ["2026-11-14", "2026-12-15"])
def test_an_issue_date_the_day_before_or_after_the_period_is_refused(day: str) -> None:
    assert codes(RosterKind.certificates, cert(发证日期=day)) == [("发证日期", "outside_period")]


@pytest.mark.parametrize("day", ["2026-11-15", "2026/12/14", "2026年12月1日", 46357.0])
def test_dates_on_the_period_bounds_and_in_other_notations_are_accepted(day: Any) -> None:
    assert codes(RosterKind.certificates, cert(发证日期=day)) == []


@pytest.mark.parametrize("day", [date(2026, 11, 14), date(2026, 12, 15)])
def test_a_training_ending_outside_the_period_is_refused(day: date) -> None:
    assert ("结束日期", "outside_period") in codes(RosterKind.trainees, trainee(结束日期=day, 开始日期=date(2026, 11, 1)))


def test_a_training_starting_after_it_ends_is_refused() -> None:
    assert codes(RosterKind.trainees, trainee(开始日期=date(2026, 12, 2))) == [("开始日期", "dates_out_of_order")]


def test_unknown_certificate_kind_and_level_are_refused() -> None:
    assert codes(RosterKind.certificates, cert(证书类别="荣誉证书", 等级="特级")) == [
        ("证书类别", "certificate_kind"),
        ("等级", "certificate_level"),
    ]


def test_a_level_is_required_for_skill_level_certificates_and_refused_for_special_ability() -> None:
    assert codes(RosterKind.certificates, cert(等级=None)) == [("等级", "level_required")]
    assert codes(RosterKind.certificates, cert(证书类别="专项职业能力证书")) == [("等级", "level_not_applicable")]
    assert codes(RosterKind.certificates, cert(证书类别="专项职业能力证书", 等级="")) == []


def test_level_grades_are_understood() -> None:
    values, _ = check(RosterKind.certificates, cert(等级="三级"))
    assert values is not None and values["level"] is CertificateLevel.senior


def test_required_cells_are_named() -> None:
    assert codes(RosterKind.certificates, cert(姓名="", 证书编号=None)) == [("姓名", "required"), ("证书编号", "required")]


def test_yes_no_cells_accept_only_yes_or_no() -> None:
    assert codes(RosterKind.trainees, trainee(是否结业="Y")) == [("是否结业", "yes_no")]


def test_satisfied_only_if_surveyed() -> None:
    assert codes(RosterKind.trainees, trainee(是否参与满意度调查="否", 是否满意="是")) == [("是否满意", "satisfied_without_survey")]
    assert codes(RosterKind.trainees, trainee(是否满意=None)) == [("是否满意", "required")]
    values, errors = check(RosterKind.trainees, trainee(是否参与满意度调查="否", 是否满意=None))
    assert errors == [] and values is not None and values["satisfied"] is False


def test_lengths_follow_the_model_columns() -> None:
    assert codes(RosterKind.certificates, cert(姓名="张" * 51)) == [("姓名", "too_long")]
    assert codes(RosterKind.certificates, cert(证书编号="1" * 65)) == [("证书编号", "too_long")]


def test_the_same_certificate_twice_in_a_roster_is_an_error_naming_the_first_row() -> None:
    checker = rules.RowChecker(RosterKind.certificates, rules.map_header(RosterKind.certificates, CERT_HEADER), PERIOD)
    assert checker.check(2, cert())[1] == []
    assert checker.check(3, cert(证书编号="S0002"))[1] == []
    _, errors = checker.check(4, cert(证书编号=" s0001 "))
    assert [(e.row, e.code) for e in errors] == [(4, "duplicate_in_roster")] and "第 2 行" in errors[0].message


def test_the_same_training_twice_in_a_roster_is_an_error() -> None:
    checker = rules.RowChecker(RosterKind.trainees, rules.map_header(RosterKind.trainees, TRAINEE_HEADER), PERIOD)
    assert checker.check(2, trainee())[1] == []
    assert checker.check(3, trainee(培训项目="另一个班"))[1] == []
    assert [e.code for e in checker.check(4, trainee())[1]] == ["duplicate_in_roster"]


def test_a_missing_column_fails_the_whole_sheet() -> None:
    with pytest.raises(rules.SheetError) as caught:
        rules.map_header(RosterKind.certificates, CERT_HEADER[:-1])
    assert caught.value.error.column == "发证机构" and caught.value.error.code == "missing_column"


def test_headers_are_found_in_any_order_with_half_width_brackets() -> None:
    header = ["职业(工种)", *reversed([h for h in CERT_HEADER if h != "职业（工种）"])]
    positions = rules.map_header(RosterKind.certificates, header)
    assert positions["occupation"] == 0 and positions["name"] == len(header) - 1
