"""The operator against a notice certified by documents.pades (no pyHanko at signing): what DocMDP P=2 lets
a later revision do must not let it change what a reader sees, and no flipped byte leaves the file valid where
the register can tell. Built on the genuine notice of test_signature_attacks (signed by documents.pades)."""
from __future__ import annotations

import random
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name

from auditor.documents import service as docs

from .test_signature_attacks import (
    elsewhere,  # noqa: F401 — the fixtures
    genuine,  # noqa: F401
    javascript,
    office,  # noqa: F401
    outcome,
    receipt_revision,
)

XFA = (b'<?xml version="1.0" encoding="UTF-8"?><xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template xmlns='
       b'"http://www.xfa.org/schema/xfa-template/3.3/"><subform name="f" layout="tb"><pageSet><pageArea name="P1">'
       b'<contentArea x="0.25in" y="0.25in" w="8in" h="10.5in"/><medium stock="a4" short="210mm" long="297mm"/>'
       b'</pageArea></pageSet><subform><draw name="t" w="180mm" h="20mm"><value><text>2025-12-31</text></value>'
       b"</draw></subform></subform></template></xdp:xdp>")


def catalog(key: str, value):
    def edit(writer):
        writer.root[pdf_name(key)] = value(writer) if callable(value) else value
        writer.update_root()
    return edit


def xfa(needs_rendering: bool):
    def edit(writer):   # Adobe Reader draws an XFA form instead of the pages (dynamic) or over them (static)
        writer.root["/AcroForm"]["/XFA"] = writer.add_object(generic.StreamObject(stream_data=XFA))
        if needs_rendering:
            writer.root["/NeedsRendering"] = generic.BooleanObject(True)
        writer.update_root()
    return edit


SHOWN_OTHERWISE = {   # each in the operator's receipt revision, the only one the certification lets it add
    "a portfolio view": catalog("/Collection", generic.DictionaryObject({pdf_name("/View"): pdf_name("/H")})),
    "the attachments panel first": catalog("/PageMode", pdf_name("/UseAttachments")),
    "optional content": catalog("/OCProperties", generic.DictionaryObject({
        pdf_name("/OCGs"): generic.ArrayObject(), pdf_name("/D"): generic.DictionaryObject()})),
    "page labels": catalog("/PageLabels", generic.DictionaryObject({pdf_name("/Nums"): generic.ArrayObject([
        generic.NumberObject(0), generic.DictionaryObject({pdf_name("/P"): generic.TextStringObject("已撤销")})])})),
    "a document action": catalog("/AA", lambda writer: generic.DictionaryObject({
        pdf_name("/WC"): javascript("app.alert('已撤销')")})),
    "an XFA form": xfa(False),
    "an XFA form drawn instead of the pages": xfa(True),
}


@pytest.mark.parametrize("case", list(SHOWN_OTHERWISE))
def test_a_receipt_revision_that_changes_how_the_notice_is_shown_is_altered(genuine, office, elsewhere, case):  # noqa: F811
    pdf = receipt_revision(genuine.notice, SHOWN_OTHERWISE[case])
    assert outcome(office, pdf) == "altered"
    assert outcome(elsewhere, pdf) == "altered"


def test_no_flipped_byte_leaves_the_notice_valid_at_the_office(genuine, office, elsewhere):  # noqa: F811
    """Bytes inside both signed ranges and the signature's own, flipped one at a time: never valid at the office
    (the register keeps the signed bytes); elsewhere, only a flip in the hole's zero padding after the CMS,
    which no reader shows, is still valid — as it is for pyHanko's own signatures."""
    data = genuine.notice
    start, end = (int(n) for n in re.search(rb"/ByteRange \[0 (\d+) (\d+) \d+\]", data).groups())
    cms_end = data.index(b"0" * 64, start)          # the CMS's hex ends where the hole's zero padding begins
    chosen = random.Random(15)
    places = sorted({chosen.randrange(0, start) for _ in range(12)} | {chosen.randrange(start + 1, cms_end)
                    for _ in range(6)} | {chosen.randrange(end, len(data)) for _ in range(12)})
    for place in places:
        flipped = bytearray(data)
        flipped[place] ^= 0x04
        assert outcome(office, bytes(flipped)) != "valid", place
        assert outcome(elsewhere, bytes(flipped)) != "valid", place
    padding = bytearray(data)
    padding[end - 3] = ord("4")
    assert outcome(office, bytes(padding)) == "altered"
    assert docs.verify(office, bytes(padding)).registered == "mismatch"
