"""`auditor contract import FILE` / `export CONTRACT FILE` / `templates`: a contract defined only by a data file.

An imported contract is stored in the database and kept as a user template in the data directory (the
database's folder, ``templates/``). A hostile file — huge, deeply nested, of wrong types, with absurd
figures, duplicate keys or hidden characters — is refused with exit 2 and a Chinese message naming the
JSON path, and nothing changes: neither the database nor the templates folder.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from .builders import cli as run
from .hostile import refused, sha

CONTRACTS = Path(__file__).resolve().parents[1] / "data" / "contracts"
POINTS = CONTRACTS / "points-85-75-65.json"
DEDUCTIONS = CONTRACTS / "deductions-other-roles.json"


def templates(db: Path) -> dict[str, str]:
    folder = db.parent / "templates"
    return {p.name: sha(p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()} if folder.is_dir() else {}


def test_import_stores_the_contract_and_keeps_it_as_a_user_template(db, capsys):
    assert run(db, capsys, "contract", "import", POINTS) == [
        "已导入合同 kaifeng-2026（开封市12345热线运营服务合同（试算）），4 项考核指标，2 期付款",
        f"模板已保存在 {db.parent / 'templates' / 'kaifeng-2026.json'}"]
    assert [line.split("\t")[0] for line in run(db, capsys, "contracts")] == ["henan-2025", "kaifeng-2026",
                                                                             "luoyang-2025"]
    saved = json.loads((db.parent / "templates" / "kaifeng-2026.json").read_text("utf-8"))
    assert saved == json.loads(POINTS.read_text("utf-8"))
    listed = json.loads("\n".join(run(db, capsys, "contract", "templates", "--json")))
    assert listed["templates"] == [{"id": "henan-2025", "kind": "builtin"}, {"id": "luoyang-2025", "kind": "builtin"},
                                   {"id": "kaifeng-2026", "kind": "user"}]
    # the user template is offered like a built-in one
    assert run(db, capsys, "contract", "new", "kaifeng-2026", "kaifeng-2027", "--set", "name=开封热线（续签）") == [
        "已创建合同 kaifeng-2027（开封热线（续签））"]


def test_export_then_import_under_another_id_gives_the_same_contract(db, capsys, tmp_path):
    run(db, capsys, "contract", "import", DEDUCTIONS)
    out = tmp_path / "周口.json"
    assert run(db, capsys, "contract", "export", "zhoukou-2026", out) == [f"已导出合同 zhoukou-2026 到 {out}"]
    assert json.loads(out.read_text("utf-8")) == json.loads(DEDUCTIONS.read_text("utf-8"))
    run(db, capsys, "contract", "import", out, "--id", "zhoukou-2026-b")
    exported_b = tmp_path / "b.json"
    run(db, capsys, "contract", "export", "zhoukou-2026-b", exported_b)
    assert {**json.loads(exported_b.read_text("utf-8")), "id": "zhoukou-2026"} == json.loads(out.read_text("utf-8"))
    # henan exported and read back is henan
    henan = tmp_path / "henan.json"
    run(db, capsys, "contract", "export", "henan-2025", henan)
    run(db, capsys, "contract", "import", henan, "--id", "henan-copy")
    assert run(db, capsys, "lint", "henan-copy")[-1] == "henan-copy：6 处"


def test_an_existing_file_is_not_overwritten_without_force(db, capsys, tmp_path):
    out = tmp_path / "exists.json"
    out.write_text("keep", encoding="utf-8")
    refused(db, ["contract", "export", "henan-2025", str(out)], capsys, names=("exists.json", "--force"))
    assert out.read_text("utf-8") == "keep"
    run(db, capsys, "contract", "export", "henan-2025", out, "--force")
    assert json.loads(out.read_text("utf-8"))["id"] == "henan-2025"


def test_importing_the_same_contract_twice_is_refused(db, capsys):
    run(db, capsys, "contract", "import", POINTS)
    before = templates(db)
    refused(db, ["contract", "import", str(POINTS)], capsys, names=("kaifeng-2026", "已存在"))
    assert templates(db) == before


def test_a_builtin_template_id_is_refused(db, capsys, tmp_path):
    data = json.loads(DEDUCTIONS.read_text("utf-8"))
    for new_id in ("henan-2025", "luoyang-2025"):
        refused(db, ["contract", "import", str(DEDUCTIONS), "--id", new_id], capsys, names=(new_id,))
    assert templates(db) == {}
    assert data["id"] == "zhoukou-2026"


def test_a_different_user_template_under_the_same_id_is_not_replaced(db, capsys, tmp_path):
    folder = db.parent / "templates"
    folder.mkdir()
    (folder / "kaifeng-2026.json").write_text('{"another": "template"}', encoding="utf-8")
    before = templates(db)
    refused(db, ["contract", "import", str(POINTS)], capsys, names=("kaifeng-2026", "--id"))
    assert templates(db) == before


def hostile(tmp_path: Path, change) -> Path:
    """The points contract with one thing an attacker changed (``change`` edits the parsed data, or returns
    the file's text itself)."""
    data = json.loads(POINTS.read_text("utf-8"))
    text = change(data)
    path = tmp_path / "hostile.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text if isinstance(text, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def nest(depth: int) -> str:
    return "[" * depth + "]" * depth


def set_(path: str, value):
    def change(data):
        node = data
        parts = path.split(".")
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = value
    return change


@pytest.mark.parametrize("change, names", [
    pytest.param(lambda d: "{" + " " * (3 * 2**20) + "}", ("hostile.json", "过大"), id="huge"),
    pytest.param(lambda d: nest(100_000), ("hostile.json", "嵌套过深"), id="nested-beyond-the-stack"),
    pytest.param(set_("party_a.name", json.loads(nest(40))), ("party_a.name[0][0][0][0][0][0][0]", "嵌套过深"),
                 id="nested-forty-deep"),
    pytest.param(set_("total", 1200000), ("total", "应为文本"), id="money-as-a-number"),
    pytest.param(set_("indicators.0.points", ["40"]), ("indicators[0].points", "应为文本"), id="points-as-a-list"),
    pytest.param(set_("staffing.roles.0.required", "20"), ("staffing.roles[0].required", "应为整数"),
                 id="headcount-as-text"),
    pytest.param(set_("staffing.roles.0.aliases", "话务坐席"), ("staffing.roles[0].aliases", "应为列表"),
                 id="aliases-as-text"),
    pytest.param(set_("remedies.0.clause", ""), ("remedies[0].clause", "不能为空"), id="remedy-without-clause"),
    pytest.param(set_("total", "99999999999999999999.00"), ("total", "超出"), id="absurd-total"),
    pytest.param(set_("scoring.bands.0.min", "1000"), ("scoring.bands[0].min", "超出"), id="absurd-band"),
    pytest.param(set_("late_penalty.percent_per_day", "250"), ("late_penalty.percent_per_day", "超出"),
                 id="absurd-late-penalty"),
    pytest.param(set_("staffing.roles.0.required", 10**30), ("staffing.roles[0].required", "超出"),
                 id="absurd-headcount"),
    pytest.param(lambda d: json.dumps(d, ensure_ascii=False).replace('"required": 20', '"required": ' + "9" * 5000),
                 ("hostile.json", "过长"), id="five-thousand-digits"),
    pytest.param(lambda d: json.dumps(d, ensure_ascii=False).replace('"required": 20', '"required": NaN'),
                 ("hostile.json", "NaN"), id="nan"),
    pytest.param(lambda d: json.dumps(d, ensure_ascii=False).replace('"total": "1200000.00"',
                                                                     '"total": "1.00", "total": "1200000.00"'),
                 ("hostile.json", "total", "两次"), id="duplicate-key"),
    pytest.param(set_("party_b.name", "汴梁呼叫\u202e司公限有"), ("party_b.name", "控制字符"), id="direction-override"),
    pytest.param(set_("name", "开封\x00热线"), ("name", "控制字符"), id="nul"),
    pytest.param(set_("indicators.0.definition", "长" * 5000), ("indicators[0].definition", "过长"), id="long-text"),
    pytest.param(set_("obligations", [{"key": "x", "text": "x", "clause": "x"}] * 1500), ("obligations", "过多"),
                 id="many-items"),
    pytest.param(set_("staffing.roles", [
        {"key": "team", "name": "热线服务团队", "required": 10, "aliases": ["话务坐席"]},
        {"key": "night", "name": "夜班团队", "required": 10, "aliases": ["话务坐席"]}]),
        ("staffing.roles[1].aliases[0]", "话务坐席", "无法区分"), id="alias-shared-by-two-roles"),
    pytest.param(set_("id", "../../etc"), ("id", "格式不正确"), id="id-as-a-path"),
    pytest.param(lambda d: "[1, 2]", ("（根）", "应为对象"), id="a-list"),
    pytest.param(lambda d: "{\"id\": ", ("hostile.json", "不是有效的 JSON"), id="truncated"),
    pytest.param(lambda d: json.dumps(d, ensure_ascii=False).encode("gbk"), ("hostile.json", "UTF-8"), id="gbk"),
    pytest.param(set_("scoring.bands", [{"min": "85", "percent": "100"}, {"min": "90", "percent": "95"},
                                        {"min": "0", "percent": "0"}]), ("scoring.bands", "从高到低"),
                 id="bands-out-of-order"),
])
def test_a_hostile_contract_file_is_refused_naming_where_and_nothing_changes(db, capsys, tmp_path, change, names):
    path = hostile(tmp_path, change)
    before = templates(db)
    message = refused(db, ["contract", "import", str(path)], capsys, names=names)
    assert len(message) < 4000, "the refusal names the problems, it does not echo the file"
    assert templates(db) == before


def test_a_fifo_is_refused_before_it_is_read(db, capsys, tmp_path):
    import os

    fifo = tmp_path / "contract.json"
    os.mkfifo(fifo)
    refused(db, ["contract", "import", str(fifo)], capsys, names=("contract.json", "不是普通文件"))


def test_a_template_id_that_is_a_path_is_refused(db, capsys):
    refused(db, ["contract", "new", "../templates/kaifeng-2026", "x-2026"], capsys, names=("template", "模板"))
