"""The QR code printed on an issued document is reportlab's own, module for module: only the mask choice is
scored faster (the same ISO/IEC 18004 penalties, as reportlab reads them, on strings and integers)."""
from __future__ import annotations

import random

from reportlab.graphics.barcode import qrencoder

from auditor.documents.base import lost_points, qr_modules


def payloads():
    rng = random.Random(15)
    alphabet = "AUD1;k=score-sheet;n=豫政数考评〔2026〕号;d=2026-11-02;h=0123456789abcdef"
    yield "AUD1;k=score-sheet;n=豫政数考评〔2026〕22号;d=2026-11-02;h=" + "a1" * 32 + ";s=" + "Zm9v" * 24
    for _ in range(8):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))


def test_each_masks_penalty_is_reportlabs():
    for payload in payloads():
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        for mask in range(8):
            code.makeImpl(True, mask)
            assert lost_points(code.modules) == qrencoder.QRUtil.getLostPoint(code)


def test_the_printed_code_is_reportlabs():
    for payload in payloads():
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.make()
        assert qr_modules(payload) == [list(row) for row in code.modules]
