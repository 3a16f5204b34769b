"""reportlab.platypus loaded without compiling its web-address pattern at import (auditor.documents.platypus).

In a fresh process, as a document's first render imports it: the pattern is left for first use, behaves as
reportlab's own, and nothing compiled elsewhere meanwhile is affected."""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import re, sys, threading
    from auditor.documents import platypus
    paragraph = sys.modules["reportlab.platypus.paragraph"]
    print(type(paragraph.uri_pat).__name__, paragraph.uri_pat._compiled is None)
    print(type(re.compile("x")).__name__)  # re.compile is itself again
    for text in sys.argv[1:]:
        print(bool(paragraph.uri_pat.match(text)))
    print(type(paragraph.uri_pat._compiled).__name__)
""")

ADDRESSES = ["http://example.com/path?q=1", "HTTPS://Example.COM", "ftp://10.0.0.1:21/file", "mailto:someone",
             "https://例子.测试/路径", "not an address", "http://-bad-.com"]


def _original_uri_pat() -> re.Pattern[str]:
    """reportlab's pattern compiled as its module compiles it (read from the source, not copied here)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec("reportlab.platypus.paragraph")
    assert spec is not None and spec.origin is not None
    with open(spec.origin, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "uri_pat":
            call = node.value
            assert isinstance(call, ast.Call)
            return re.compile(ast.literal_eval(call.args[0]), re.I)
    raise AssertionError("reportlab.platypus.paragraph has no uri_pat")


def test_the_pattern_waits_for_its_first_use_and_matches_as_reportlab_s():
    done = subprocess.run([sys.executable, "-c", CHILD, *ADDRESSES], capture_output=True, text=True, check=True)
    lines = done.stdout.split("\n")
    assert lines[0] == "OnFirstUse True"  # not compiled by the import
    assert lines[1] == "Pattern"
    original = _original_uri_pat()
    assert lines[2:2 + len(ADDRESSES)] == [str(bool(original.match(a))) for a in ADDRESSES]
    assert "True" in lines[2:2 + len(ADDRESSES)] and "False" in lines[2:2 + len(ADDRESSES)]
    assert lines[2 + len(ADDRESSES)] == "Pattern"  # compiled once asked


def test_a_document_renders_the_same_with_platypus_loaded_this_way():
    """A long address broken across lines by reportlab's own Paragraph (the one use of the pattern) draws the
    same bytes either way, and the pattern was used."""
    child = textwrap.dedent("""
        import io, sys
        if sys.argv[1] == "lazy":
            from auditor.documents import platypus
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, SimpleDocTemplate
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, invariant=1, leftMargin=200, rightMargin=200)
        style = ParagraphStyle("narrow", uriWasteReduce=0.3, fontSize=10)
        doc.build([Paragraph("see https://example.com/a/very/long/path/that/cannot/fit/on/one/narrow/line/at/all"
                             "/index.html?with=query&and=more for details", style)])
        sys.stdout.buffer.write(out.getvalue())
        paragraph = sys.modules["reportlab.platypus.paragraph"]
        used = getattr(paragraph.uri_pat, "_compiled", paragraph.uri_pat) is not None
        sys.stderr.write(f"{type(paragraph.uri_pat).__name__} {used}")
    """)
    lazy = subprocess.run([sys.executable, "-c", child, "lazy"], capture_output=True, check=True)
    plain = subprocess.run([sys.executable, "-c", child, "plain"], capture_output=True, check=True)
    assert lazy.stdout.startswith(b"%PDF") and lazy.stdout == plain.stdout
    assert lazy.stderr == b"OnFirstUse True" and plain.stderr == b"Pattern True"
