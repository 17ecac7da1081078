import datetime as dt

import pytest

from gongkai.importer import values as V

TOPICS = {"科技、教育": ["科技", "教育", "其他"], "卫生、体育": ["体育", "其他"], "其他": []}


@pytest.mark.parametrize("raw", ["2019年01月27日", "2019年1月27日", "2019-1-27", "2019/01/27", "2019.1.27", "20190127",
                                 "2019-01-27 10:30:00", "２０１９年１月２７日", "二〇一九年一月二十七日", 43492, "43492",
                                 43492.0, dt.datetime(2019, 1, 27, 9, 30), dt.date(2019, 1, 27)])
def test_every_date_form_becomes_iso(raw):
    assert V.parse_date(raw) == (dt.date(2019, 1, 27), None)


@pytest.mark.parametrize("raw,problem", [
    ("2019-02-30", "日期不存在：'2019-02-30'"),
    ("2019-13-01", "日期不存在：'2019-13-01'"),
    ("去年", "无法识别的日期 '去年'"),
    (12, "无法识别的日期 '12'（不像 Excel 日期序号）"),
    ("2019年", "无法识别的日期 '2019年'"),
])
def test_bad_dates_say_why(raw, problem):
    date, error = V.parse_date(raw)
    assert date is None and error[0] == problem


def test_doc_no_brackets_normalised_for_matching_only():
    keys = {V.doc_no_key(t) for t in ("国办发〔2019〕8号", "国办发[2019]8号", "国办发（2019）8号", "国办发【2019】 8号",
                                        "国办发［2019］8号")}
    assert keys == {"国办发[2019]8号"}
    assert V.doc_no_key("国办发〔2019〕9号") != V.doc_no_key("国办发〔2019〕8号")


def test_topics_resolve_two_levels_top_level_and_unique_second_level():
    assert V.resolve_topic("科技、教育\\教育", TOPICS) == ("科技、教育", "教育")
    assert V.resolve_topic("科技、教育 / 教育", TOPICS) == ("科技、教育", "教育")
    assert V.resolve_topic("科技、教育＼科技", TOPICS) == ("科技、教育", "科技")
    assert V.resolve_topic("科技、教育", TOPICS) == ("科技、教育", "")
    assert V.resolve_topic("教育", TOPICS) == ("科技、教育", "教育")      # unique second level
    assert V.resolve_topic("其他", TOPICS) == ("其他", "")               # a top level wins
    assert V.resolve_topic("科技、教育\\体育", TOPICS) is None
    assert V.resolve_topic("人工智能", TOPICS) is None


def test_multi_values_never_split_on_the_enumeration_comma():
    assert V.split_multi("科技、教育\\科技；卫生、体育\\体育") == ["科技、教育\\科技", "卫生、体育\\体育"]
    assert V.split_keywords("政务 公开、数据，开放;数据") == ["政务", "公开", "数据", "开放"]


@pytest.mark.parametrize("raw,status", [("有效", "有效"), ("现行有效", "有效"), ("已废止", "废止"), ("已失效", "失效")])
def test_validity_synonyms(raw, status):
    assert V.parse_validity(raw) == (status, None)


def test_unknown_validity_points_to_the_mapping_file():
    assert V.parse_validity("已修订")[1][1].endswith("values.validity 中对应")


def test_empty_markers_and_closest_match():
    assert all(V.is_empty(v) for v in (None, "", " ", "无", "—", "/", "NULL", []))
    assert not V.is_empty("0")
    names = ["海澄市人民政府", "海澄市财政局", "海澄市人民政府办公室"]
    assert V.closest("财政局", names) == "海澄市财政局"
    assert V.closest("海澄市人民政府办", names) == "海澄市人民政府办公室"
    assert V.closest("火星", names) == ""
