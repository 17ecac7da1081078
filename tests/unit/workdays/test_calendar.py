"""Working-day calendar: the shipped State Council calendars, counting rules, file problems."""
import datetime as dt
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.workdays import Calendar, CalendarError

ROOT = Path(__file__).resolve().parents[3]
D = dt.date


@pytest.fixture(scope="module")
def cal():
    return Calendar.load(ROOT / "content" / "calendar")


def write(tmp_path, name, text):
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


class TestShippedCalendars:
    def test_years_and_sources(self, cal):
        assert cal.years == [2024, 2025, 2026]
        assert cal.sources[2024].doc_no == "国办发明电〔2023〕7号"
        assert cal.sources[2025].doc_no == "国办发明电〔2024〕12号"
        assert cal.sources[2026].doc_no == "国办发明电〔2025〕7号"

    def test_2025_national_day_makeup_days(self, cal):
        # 2025-09-28 is a Sunday and 2025-10-11 a Saturday, both working days (调休).
        assert D(2025, 9, 28).weekday() == 6 and cal.is_workday(D(2025, 9, 28))
        assert D(2025, 10, 11).weekday() == 5 and cal.is_workday(D(2025, 10, 11))
        assert cal.workdays[D(2025, 9, 28)] == "国庆节、中秋节"
        # the eight-day break, weekdays included
        assert [cal.is_workday(D(2025, 10, d)) for d in range(1, 9)] == [False] * 8
        assert cal.is_workday(D(2025, 10, 9)) and not cal.is_workday(D(2025, 10, 12))

    @pytest.mark.parametrize("day,expected", [
        (D(2024, 2, 4), True), (D(2024, 2, 9), True), (D(2024, 2, 10), False), (D(2024, 2, 18), True),
        (D(2024, 5, 11), True), (D(2024, 9, 14), True), (D(2024, 10, 12), True), (D(2024, 6, 10), False),
        (D(2025, 1, 26), True), (D(2025, 1, 28), False), (D(2025, 2, 4), False), (D(2025, 2, 8), True),
        (D(2025, 4, 27), True), (D(2025, 5, 5), False), (D(2025, 6, 2), False),
        (D(2026, 1, 4), True), (D(2026, 2, 14), True), (D(2026, 2, 23), False), (D(2026, 2, 28), True),
        (D(2026, 5, 9), True), (D(2026, 9, 20), True), (D(2026, 9, 25), False), (D(2026, 10, 10), True),
        (D(2026, 10, 7), False),
    ])
    def test_days_from_the_notices(self, cal, day, expected):
        assert cal.is_workday(day) is expected

    def test_every_makeup_day_is_a_weekend_and_counts(self, cal):
        assert len(cal.workdays) == 19
        assert all(d.weekday() >= 5 for d in cal.workdays)
        # off days per year: 2024: 1+8+3+5+1+3+7, 2025: 1+8+3+5+3+8, 2026: 3+9+3+5+3+3+7
        per_year = {y: sum(1 for d in cal.holidays if d.year == y) for y in cal.years}
        assert per_year == {2024: 28, 2025: 28, 2026: 33}


class TestCounting:
    def test_twenty_working_days_across_national_day(self, cal):
        # received Friday 2025-09-26: 9/28 (Sun, 调休) is day 1, 10/1–10/8 are off, 10/11 (Sat) counts
        assert cal.add_workdays(D(2025, 9, 26), 1) == D(2025, 9, 28)
        assert cal.add_workdays(D(2025, 9, 26), 4) == D(2025, 10, 9)
        assert cal.add_workdays(D(2025, 9, 26), 6) == D(2025, 10, 11)
        assert cal.add_workdays(D(2025, 9, 26), 20) == D(2025, 10, 30)
        assert cal.add_workdays(D(2025, 9, 26), 40) == D(2025, 11, 27)

    def test_receipt_day_not_counted_even_on_a_holiday(self, cal):
        assert cal.add_workdays(D(2025, 10, 3), 1) == D(2025, 10, 9)
        assert cal.add_workdays(D(2025, 10, 9), 0) == D(2025, 10, 9)

    def test_spring_festival_2026(self, cal):
        assert cal.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
        assert cal.add_workdays(D(2026, 2, 14), 1) == D(2026, 2, 24)

    def test_between_is_the_inverse(self, cal):
        for start in (D(2024, 12, 20), D(2025, 1, 20), D(2025, 9, 26), D(2026, 2, 10)):
            for n in (0, 1, 7, 15, 20, 40):
                end = cal.add_workdays(start, n)
                assert cal.workdays_between(start, end) == n
                assert cal.workdays_between(end, start) == -n

    def test_negative_n_rejected(self, cal):
        with pytest.raises(ValueError):
            cal.add_workdays(D(2025, 1, 1), -1)

    def test_uncovered_years_fall_back_to_monday_friday(self, cal):
        assert not cal.covers(D(2027, 10, 1)) and cal.covers(D(2026, 12, 31))
        assert cal.is_workday(D(2027, 10, 1))          # a Friday: no 2027 file, so a working day
        assert not cal.is_workday(D(2027, 10, 2))
        assert cal.add_workdays(D(2027, 1, 1), 5) == D(2027, 1, 8)
        assert cal.uncovered_years(D(2026, 12, 1), D(2027, 1, 20)) == [2027]

    def test_to_json(self, cal):
        data = cal.to_json()
        assert data["years"] == [2024, 2025, 2026]
        assert data["workdays"]["2025-10-11"] == "国庆节、中秋节"
        assert data["holidays"]["2026-02-15"] == "春节"


GOOD = """year: 2030
source: {title: 国务院办公厅关于2030年部分节假日安排的通知, doc_no: 国办发明电〔2029〕1号}
holidays:
  - name: 元旦
    start: 2030-01-01
    end: 2030-01-01
"""


class TestFileProblems:
    def test_missing_folder_is_empty(self, tmp_path):
        cal = Calendar.load(tmp_path / "nothing")
        assert cal.years == [] and cal.is_workday(D(2025, 10, 1))

    def test_good_file(self, tmp_path):
        cal = Calendar.load(write(tmp_path, "2030.yml", GOOD))
        assert cal.years == [2030] and not cal.is_workday(D(2030, 1, 1))

    @pytest.mark.parametrize("text,expected", [
        (GOOD.replace("year: 2030", "year: 2031"),
         "content/calendar/2030.yml:1: 年份 (year): 年份 2031 与文件名 2030.yml 不一致 — 写成 year: 2030，或把文件改名为 <年份>.yml"),
        (GOOD.replace("end: 2030-01-01", "end: 2030-02-30"),
         "content/calendar/2030.yml:6: 放假结束日期 (holidays[0].end): '2030-02-30' 不是有效日期 — 按 YYYY-MM-DD 书写，如 2025-10-01"),
        (GOOD.replace("end: 2030-01-01", "end: 2029-12-01"),
         "content/calendar/2030.yml:6: 放假结束日期 (holidays[0].end): 放假起止日期 2030-01-01 至 2029-12-01 不合理 — 结束日期不能早于开始日期，假期不超过 15 天"),
        (GOOD + "    workdays: 2030-01-05\n",
         "content/calendar/2030.yml:7: 调休上班日 (holidays[0].workdays): 调休上班日应写成列表 — 如 workdays: [2025-09-28, 2025-10-11]"),
        (GOOD + "    holiday: 2030-01-05\n",
         "content/calendar/2030.yml:7: holidays[0].holiday: 未知的键 'holiday' — 可用的键：end、name、start、workdays"),
        (GOOD.replace("source: {title: 国务院办公厅关于2030年部分节假日安排的通知, doc_no: 国办发明电〔2029〕1号}", "source: {title: x}"),
         "content/calendar/2030.yml:2: 依据通知 (source): 缺少依据通知的名称（title）和文号（doc_no） — 写明国务院办公厅通知的名称和文号，如 国办发明电〔2024〕12号"),
        (GOOD + "    workdays: [2030-01-01]\n",
         "content/calendar/2030.yml:3: holidays: 2030-01-01 既是放假日又是调休上班日 — 核对通知原文"),
    ])
    def test_problem_messages(self, tmp_path, text, expected):
        folder = write(tmp_path, "2030.yml", text)
        problems = Problems()
        cal = Calendar.load(folder, problems, root=tmp_path)
        assert [p.format() for p in problems.errors] == [expected]
        assert cal.years == []                      # a broken file is not half-used

    def test_yaml_error_has_line_and_fix(self, tmp_path):
        # the wording of the YAML explanation belongs to plugins/_shared/yamlpos.py
        folder = write(tmp_path, "2030.yml", "year: 2030\nsource: 通知: 国办发明电\n")
        problems = Problems()
        Calendar.load(folder, problems, root=tmp_path)
        [message] = [p.format() for p in problems]
        assert message.startswith("content/calendar/2030.yml:2: YAML 格式错误：")
        assert message.endswith(" — 对照同目录下其他年份的文件修改")

    def test_weekday_makeup_day_is_a_warning(self, tmp_path):
        folder = write(tmp_path, "2030.yml", GOOD + "    workdays: [2030-01-02]\n")
        problems = Problems()
        cal = Calendar.load(folder, problems, root=tmp_path)
        assert [p.format() for p in problems] == [
            "content/calendar/2030.yml:7: 警告: 调休上班日 (holidays[0].workdays): 调休上班日 2030-01-02 不是周六或周日 — 核对通知原文：调休上班日通常是周末"]
        assert cal.years == [2030]

    def test_without_problems_list_raises_with_every_message(self, tmp_path):
        folder = write(tmp_path, "2030.yml", GOOD.replace("year: 2030", "year: x"))
        write(tmp_path, "2031.yml", "[1, 2]")
        with pytest.raises(CalendarError) as exc:
            Calendar.load(folder, root=tmp_path)
        assert str(exc.value).splitlines() == [
            "content/calendar/2030.yml:1: 年份 (year): 年份 'x' 与文件名 2030.yml 不一致 — 写成 year: 2030，或把文件改名为 <年份>.yml",
            "content/calendar/2031.yml:1: 文件内容应是键值对（year、source、holidays） — 对照同目录下其他年份的文件修改",
        ]

    def test_date_in_two_files(self, tmp_path):
        write(tmp_path, "2030.yml", GOOD)
        folder = write(tmp_path, "2031.yml", GOOD.replace("year: 2030", "year: 2031").replace("2029〕1号", "2030〕1号"))
        problems = Problems()
        Calendar.load(folder, problems, root=tmp_path)
        assert [p.format() for p in problems] == [
            "content/calendar/2031.yml:3: holidays: 2030-01-01 已在其他年份的文件中出现 — 每个日期只写在一个文件里"]


def test_check_hook_reports_file_problems(tmp_path):
    from plugins.workdays.check import check_calendar

    folder = write(tmp_path, "2030.yml", GOOD.replace("year: 2030", "year: 2031"))
    problems = Problems()
    check_calendar({"PATH": str(tmp_path / "content"), "GONGKAI_ROOT": str(tmp_path)}, None, problems)
    assert [p.key for p in problems] == ["year"] and problems[0].path == "content/calendar/2030.yml"
    problems = Problems()
    check_calendar({"PATH": str(tmp_path / "content"), "WORKDAYS_PATH": str(folder / "missing")}, None, problems)
    assert [p.key for p in problems] == ["WORKDAYS_PATH"]
