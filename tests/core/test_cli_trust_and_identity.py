"""The agency root, inspector certificates, the trust list and the time-stamp setting from the command line:
what each step prints, and each step taken out of order refused with nothing changed."""
from __future__ import annotations

import pytest

from auditor import pki
from auditor.cli import main

from .builders import cli as run
from .hostile import refused

ORG = "河南省政务大数据中心"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "audit.db"
    assert main(["--db", str(path), "init"]) == 0
    (tmp_path / "root.pass").write_text("agency-root-pass\n", encoding="utf-8")
    (tmp_path / "li.pass").write_text("inspector-pass", encoding="utf-8")
    return path


def test_nothing_can_be_exported_or_issued_before_the_agency_root_exists(db, capsys):
    d = db.parent
    refused(db, ["ca", "export", "--out", str(d / "agency.cer")], capsys, names=("auditor ca create",))
    refused(db, ["identity", "create", "--name", "李全奇", "--organization", ORG, "--out", str(d / "li.p12"),
                 "--passphrase-file", str(d / "li.pass")], capsys, names=("本机没有机构根证书",))
    assert not (d / "agency.cer").exists() and not (d / "li.p12").exists()


def test_the_root_is_created_exported_and_issues_an_inspector(db, capsys):
    d = db.parent
    out = run(db, capsys, "ca", "create", "--organization", ORG, "--passphrase-file", d / "root.pass",
              "--out", d / "first.cer")
    certificate = pki.load_certificate((d / "first.cer").read_bytes())
    assert out[0] == f"已创建机构根证书：{pki.describe(certificate)}，SHA-256 指纹 {pki.fingerprint(certificate)}"
    assert out[-1] == f"根证书已导出到 {d / 'first.cer'}"
    assert run(db, capsys, "ca", "export", "--out", d / "again.cer") == [
        f"已导出 {pki.describe(certificate)} 到 {d / 'again.cer'}（SHA-256 指纹 {pki.fingerprint(certificate)}）"]
    assert (d / "again.cer").read_bytes() == (d / "first.cer").read_bytes()
    refused(db, ["identity", "create", "--name", "李全奇", "--organization", ORG, "--out", str(d / "li.p12"),
                 "--passphrase-file", str(d / "li.pass")], capsys, names=("--ca-passphrase-file",))
    out = run(db, capsys, "identity", "create", "--name", "李全奇", "--organization", ORG, "--out", d / "li.p12",
              "--passphrase-file", d / "li.pass", "--ca-passphrase-file", d / "root.pass")
    assert out[0].startswith("已登记检查人员证书：") and out[0].endswith(f"，已保存到 {d / 'li.p12'}")
    # the same certificate brought to a second machine that trusts the root: imported and registered there
    other = d / "other.db"
    assert main(["--db", str(other), "trust", "add", str(d / "first.cer"), "--note", "省中心"]) == 0
    out = run(other, capsys, "identity", "import", d / "li.p12", "--passphrase-file", d / "li.pass")
    assert out[0].startswith("已登记检查人员证书：") and "已保存到" not in out[0]


def test_a_certificate_no_trusted_root_issued_is_not_imported(db, capsys):
    d = db.parent
    run(db, capsys, "ca", "create", "--organization", ORG, "--passphrase-file", d / "root.pass")
    run(db, capsys, "identity", "create", "--name", "李全奇", "--organization", ORG, "--out", d / "li.p12",
        "--passphrase-file", d / "li.pass", "--ca-passphrase-file", d / "root.pass")
    stranger = d / "stranger.db"
    assert main(["--db", str(stranger), "init"]) == 0
    refused(stranger, ["identity", "import", str(d / "li.p12"), "--passphrase-file", str(d / "li.pass")], capsys)
    (d / "wrong.pass").write_text("not-the-passphrase", encoding="utf-8")
    refused(db, ["identity", "import", str(d / "li.p12"), "--passphrase-file", str(d / "wrong.pass")], capsys,
            names=("口令",))


def test_the_trust_list_added_listed_and_removed(db, capsys):
    d = db.parent
    assert run(db, capsys, "trust", "list") == ["信任列表为空：签名的文书都将显示为“签名人不受信任”"]
    p12, certificate = pki.create_root("洛阳市政务服务中心", b"another-root-pass")
    (d / "ly.cer").write_bytes(pki.der(certificate))
    digest = pki.fingerprint(certificate)
    assert run(db, capsys, "trust", "add", d / "ly.cer", "--note", "洛阳") == [
        f"已信任：{pki.describe(certificate)}（SHA-256 {digest}）"]
    listed = run(db, capsys, "trust", "list")
    assert listed[0].startswith(f"{digest}\t{pki.describe(certificate)}\t洛阳\t")
    assert listed[-1] == "共 1 个受信任的根证书"
    refused(db, ["trust", "remove", digest[:7]], capsys, names=("8 位",))
    refused(db, ["trust", "remove", "0000000000"], capsys, names=("没有指纹以 0000000000 开头的证书",))
    assert run(db, capsys, "trust", "remove", digest[:8].upper()) == [
        f"已移出信任列表：{pki.describe(certificate)}（SHA-256 {digest}）"]
    assert run(db, capsys, "trust", "list", "--json") == ["[]"]


def test_the_time_stamp_server_setting(db, capsys):
    assert run(db, capsys, "config", "get", "tsa_url") == [""]
    assert run(db, capsys, "config", "set", "tsa_url", " http://tsa.example.cn/tsr ") == [
        "tsa_url = http://tsa.example.cn/tsr"]
    assert run(db, capsys, "config", "get", "tsa_url") == ["http://tsa.example.cn/tsr"]
    refused(db, ["config", "set", "tsa_url", "ftp://tsa.example.cn"], capsys, names=("http://", "https://"))
    refused(db, ["config", "set", "proxy", "http://x"], capsys, names=("没有设置项“proxy”", "tsa_url"))
    assert run(db, capsys, "config", "set", "tsa_url") == ["tsa_url = （未设置）"]


def test_the_luoyang_agency_can_create_its_root(db, capsys):
    # SPEC §1: luoyang-2025's 甲方 is 洛阳市行政审批和政务信息管理局
    run(db, capsys, "ca", "create", "--organization", "洛阳市行政审批和政务信息管理局",
        "--passphrase-file", db.parent / "root.pass")


def test_a_name_too_long_for_a_certificate_is_refused_by_name(db, capsys):
    name = "某某省某某市某某区行政审批和政务服务信息管理中心"          # 24 characters = 72 bytes in UTF-8
    refused(db, ["ca", "create", "--organization", name, "--passphrase-file", str(db.parent / "root.pass")], capsys,
            names=("单位名称", "过长", "64 字节"))
