"""matplotlib figures drawn straight onto a reportlab canvas, as vector paths and text in the document's fonts.

matplotlib's own PDF backend embeds its fonts by parsing the 10 MB CJK font with fontTools at every save;
this renderer draws the figure's paths as PDF paths and its text with the fonts the document has already
registered (with the typesetter's per-character fallback), so a chart costs no font parsing at all and its
text is extractable like the rest of the page.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .typeset import Span, draw_line, paragraph

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from reportlab.pdfgen.canvas import Canvas

_ROLE = "heading1"  # chart text in the 黑体 face: what readers expect of labels


def _line(text: str, size: float) -> Any:
    return paragraph([Span(text, _ROLE)], 1e6, size, "图表文字", justify=False)[0]


def renderer(canvas: Canvas, width: float, height: float) -> Any:
    """A matplotlib renderer for a ``width`` × ``height`` point figure whose origin is the canvas's."""
    from matplotlib.backend_bases import GraphicsContextBase, RendererBase
    from matplotlib.path import Path as MplPath

    class Renderer(RendererBase):
        def __init__(self) -> None:
            super().__init__()
            self.width, self.height = width, height

        def get_canvas_width_height(self) -> tuple[float, float]:
            return self.width, self.height

        def flipy(self) -> bool:
            return False

        def points_to_pixels(self, points: Any) -> Any:
            return points

        def new_gc(self) -> GraphicsContextBase:
            return GraphicsContextBase()

        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
            size = prop.get_size_in_points()
            return _line(s, size).width, size * 1.0, size * 0.12

        def _style(self, gc: Any, face: Any) -> tuple[bool, bool]:
            r, g, b, a = gc.get_rgb()
            alpha = gc.get_alpha() if gc.get_forced_alpha() else a
            canvas.setStrokeColorRGB(r, g, b)
            canvas.setStrokeAlpha(alpha)
            canvas.setLineWidth(gc.get_linewidth())
            canvas.setLineCap({"butt": 0, "round": 1, "projecting": 2}.get(gc.get_capstyle(), 0))
            canvas.setLineJoin({"miter": 0, "round": 1, "bevel": 2}.get(gc.get_joinstyle(), 0))
            offset, dashes = gc.get_dashes()
            if dashes:
                canvas.setDash(list(dashes), offset or 0)
            fill = face is not None and (len(face) < 4 or face[3] > 0)
            if fill:
                fa = face[3] if len(face) > 3 else 1.0
                canvas.setFillColorRGB(*face[:3])
                canvas.setFillAlpha(alpha if gc.get_forced_alpha() else fa)
            return gc.get_linewidth() > 0 and a > 0, fill

        def _clip(self, gc: Any) -> None:
            box = gc.get_clip_rectangle()
            if box is not None:
                p = canvas.beginPath()
                p.rect(box.x0, box.y0, box.width, box.height)
                canvas.clipPath(p, stroke=0, fill=0)
            clip, transform = gc.get_clip_path()
            if clip is not None:
                p = canvas.beginPath()
                self._trace(p, clip, transform)
                canvas.clipPath(p, stroke=0, fill=0)

        def _trace(self, p: Any, path: Any, transform: Any) -> None:
            last = (0.0, 0.0)
            for points, code in path.iter_segments(transform, remove_nans=True, simplify=False, curves=True):
                if code == MplPath.MOVETO:
                    p.moveTo(*points)
                elif code == MplPath.LINETO:
                    p.lineTo(*points)
                elif code == MplPath.CURVE3:
                    (cx, cy), (x, y) = points[:2], points[2:]
                    p.curveTo(last[0] + 2 / 3 * (cx - last[0]), last[1] + 2 / 3 * (cy - last[1]),
                              x + 2 / 3 * (cx - x), y + 2 / 3 * (cy - y), x, y)
                elif code == MplPath.CURVE4:
                    p.curveTo(*points)
                elif code == MplPath.CLOSEPOLY:
                    p.close()
                    continue
                last = (points[-2], points[-1])

        def draw_path(self, gc: Any, path: Any, transform: Any, rgbFace: Any = None) -> None:  # noqa: N803
            canvas.saveState()
            self._clip(gc)
            stroke, fill = self._style(gc, rgbFace)
            p = canvas.beginPath()
            self._trace(p, path, transform)
            canvas.drawPath(p, stroke=int(stroke), fill=int(fill))
            canvas.restoreState()

        def draw_image(self, gc: Any, x: float, y: float, im: Any, transform: Any = None) -> None:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            image = Image.fromarray(im[::-1], "RGBA")
            canvas.drawImage(ImageReader(image), x, y, image.width, image.height, mask="auto")

        def draw_text(self, gc: Any, x: float, y: float, s: str, prop: Any, angle: float, ismath: Any = False,
                      mtext: Any = None) -> None:
            r, g, b, _ = gc.get_rgb()
            canvas.saveState()
            self._clip(gc)
            canvas.translate(x, y)
            canvas.rotate(angle)
            draw_line(canvas, _line(s, prop.get_size_in_points()), 0, 0, fill=(r, g, b))
            canvas.restoreState()

    return Renderer()


def draw_figure(canvas: Canvas, figure: Figure, x: float, y: float) -> None:
    """``figure`` (its size in inches at 72 dpi) with its lower left corner at (x, y)."""
    figure.set_dpi(72)
    width, height = figure.get_size_inches() * 72
    canvas.saveState()
    canvas.translate(x, y)
    figure.draw(renderer(canvas, width, height))
    canvas.restoreState()
