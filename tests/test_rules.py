"""The rules file: the shipped one loads and agrees with the bulletins; a bad one is refused
with a Chinese line naming the key, before anything uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib.errors import RulesError
from lib.rules import RULES_JSON, load_rules

SHIPPED = json.loads(RULES_JSON.read_text(encoding="utf-8"))


def test_shipped_rules_give_the_bulletin_formula_and_pools():
    rules = load_rules()
    march_huarong = {
        "completion_rate": 99.67,
        "on_time_rate": 99.67,
        "rework_rate": 3.37,
        "visited_rate": 11.65,
    }
    assert rules["hotline"].score(march_huarong) == pytest.approx(96.798, abs=1e-9)
    assert rules["hotline"].effect("visited_rate") == -0.2
    assert rules["mailbox"].effect("visited_rate") == 0.2
    assert rules["hotline"].pool_floor("行政事业单位") == 50
    assert rules["hotline"].pool_floor("公共服务企业") == 100
    assert rules["mailbox"].pool_floor("县市区") == 10
    assert (rules["hotline"].score_decimals, rules["mailbox"].score_decimals) == (1, 2)
    assert rules["hotline"].score_tolerance == pytest.approx(0.055001)


def _write(tmp_path: Path, change) -> Path:
    raw = json.loads(json.dumps(SHIPPED))
    change(raw)
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (
            lambda r: r["hotline"]["score_weights"].update(completion_rate=0.4),
            "hotline.score_weights",
        ),
        (lambda r: r["mailbox"]["score_weights"].pop("rework_rate"), "mailbox.score_weights"),
        (
            lambda r: r["hotline"]["score_weights"].update(on_time_rate="0.3"),
            "hotline.score_weights.on_time_rate",
        ),
        (lambda r: r["hotline"].update(score_decimals=7), "hotline.score_decimals"),
        (lambda r: r["mailbox"].pop("grade_bands"), "mailbox.grade_bands"),
        (lambda r: r["hotline"]["grade_bands"].reverse(), "hotline.grade_bands"),
        (lambda r: r["hotline"]["ranking_pools"].update(市直单位=50), "hotline.ranking_pools"),
        (lambda r: r["mailbox"]["ranking_pools"].update(县市区=-1), "mailbox.ranking_pools.县市区"),
        (lambda r: r["hotline"]["alert_limits"].pop("rework_rate"), "hotline.alert_limits"),
        (lambda r: r.pop("mailbox"), "mailbox"),
    ],
)
def test_a_bad_key_is_refused_by_name(tmp_path, change, named):
    with pytest.raises(RulesError) as refused:
        load_rules(_write(tmp_path, change))
    assert refused.value.message.startswith("“rules.json”：评价规则文件有误")
    assert f"（{named} " in refused.value.message


def test_a_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text("{bands: [", encoding="utf-8")
    with pytest.raises(RulesError, match="无法读取"):
        load_rules(path)
