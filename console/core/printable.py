"""One print-ready HTML template for every document the hall hands out.

:func:`document_html` lays out an official document on one A4 page: ``@page``
A4 with margins, ``lang`` set, the issuing center's name as the header over a
red rule, the document's title and number, a table of its particulars, lists
(materials received, materials missing), the closing text, the signature lines
and the seal area with the seal's name and the date.  Receipts, deficiency
notices, refusals (:mod:`console.cases.documents`) and any new notice (a
suspension, a resumption) describe themselves as a :class:`Document` and call it;
:data:`PRINT_CSS` is shared with the public guide (:mod:`console.catalog.guide`).

Fonts: a Song (serif) face for Chinese as printed official documents use
(Noto Serif CJK, Source Han Serif, SimSun), then any CJK sans, then serif.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

#: the print style of every document and of the public guide
PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC",
       "Noto Sans CJK SC", "WenQuanYi Zen Hei", serif; font-size: 11pt; line-height: 1.5; color: #000; }
body { margin: 0; }
.doc { page-break-after: always; break-after: page; }
.doc:last-child { page-break-after: auto; break-after: auto; }
.doc-header { text-align: center; color: #c00; border-bottom: 2px solid #c00; padding-bottom: 3mm; margin-bottom: 5mm; }
.doc-issuer { font-size: 20pt; font-weight: bold; letter-spacing: 0.1em; margin: 0; }
.doc-office { font-size: 10.5pt; margin: 1mm 0 0 0; }
h1.doc-title { text-align: center; font-size: 18pt; letter-spacing: 0.3em; margin: 4mm 0 1mm 0; }
.doc-no { text-align: right; font-size: 10.5pt; margin: 0 0 4mm 0; }
table.doc-fields { width: 100%; border-collapse: collapse; margin: 0 0 4mm 0; }
table.doc-fields th, table.doc-fields td { border: 0.6pt solid #000; padding: 1.6mm 2.5mm; vertical-align: top;
    text-align: left; font-size: 10.5pt; }
table.doc-fields th { width: 30%; font-weight: normal; background: #f3f3f3; }
.doc-list h2 { font-size: 11pt; margin: 2mm 0 1mm 0; }
.doc-list ol { margin: 0 0 3mm 0; padding-left: 7mm; font-size: 10.5pt; }
.doc-list li.missing { font-weight: bold; }
.doc-text { text-indent: 2em; margin: 3mm 0; }
.doc-sign { display: flex; justify-content: space-between; align-items: flex-end; margin-top: 10mm;
    break-inside: avoid; page-break-inside: avoid; }
.doc-signatures p { margin: 0 0 6mm 0; }
.doc-signatures .line { display: inline-block; min-width: 40mm; border-bottom: 0.6pt solid #000; }
.doc-seal { width: 44mm; height: 44mm; border: 1.2pt dashed #c00; border-radius: 50%; color: #c00;
    display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center;
    font-size: 9.5pt; padding: 4mm; }
.doc-seal .seal-name { font-weight: bold; }
.doc-date { text-align: right; margin-top: 4mm; }
.doc-footer { margin-top: 6mm; font-size: 9pt; color: #333; border-top: 0.6pt solid #999; padding-top: 2mm; }
@media screen { body { background: #ddd; } .doc { background: #fff; width: 210mm; min-height: 297mm;
    margin: 8mm auto; padding: 22mm 20mm 20mm 20mm; box-shadow: 0 0 4mm #888; } }
"""


@dataclass(frozen=True)
class Document:
    """What one printed document says; :func:`document_html` lays it out."""

    #: the document's title (受理通知书)
    title: str
    #: the issuing center (登封市行政服务中心)
    issuer: str
    #: its number line (办件编号 / 告知书编号 …: value), shown top right
    number_label: str
    number: str
    #: (label, value) rows of the particulars table
    fields: list[tuple[str, str]]
    #: (heading, [(text, marked)]) lists: materials received, materials missing
    lists: list[tuple[str, list[tuple[str, bool]]]] = field(default_factory=list)
    #: paragraphs after the particulars (what the applicant must know)
    paragraphs: list[str] = field(default_factory=list)
    #: the office line under the issuer (the department's service section)
    office: str = ""
    #: signature labels (受理人（签字）, 申请人（签字）)
    signatures: list[str] = field(default_factory=list)
    #: the seal area's caption (the seal's name: 审批专用章) and the issuing date
    seal: str = ""
    seal_hint: str = ""
    date_text: str = ""
    #: small print at the bottom (how to ask, where)
    footer: str = ""


def _h(text: str) -> str:
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def document_section(doc: Document) -> str:
    """One document as a ``<section class="doc">`` (a page of its own)."""
    out = ['<section class="doc">', '<header class="doc-header">',
           f'<p class="doc-issuer">{_h(doc.issuer)}</p>']
    if doc.office:
        out.append(f'<p class="doc-office">{_h(doc.office)}</p>')
    out += ["</header>", f'<h1 class="doc-title">{_h(doc.title)}</h1>',
            f'<p class="doc-no">{_h(doc.number_label)}：{_h(doc.number)}</p>',
            '<table class="doc-fields">']
    out += [f"<tr><th>{_h(label)}</th><td>{_h(value)}</td></tr>" for label, value in doc.fields]
    out.append("</table>")
    for heading, entries in doc.lists:
        out.append(f'<div class="doc-list"><h2>{_h(heading)}</h2><ol>')
        out += [(f'<li class="missing">{_h(text)}</li>' if marked else f"<li>{_h(text)}</li>")
                for text, marked in entries]
        out.append("</ol></div>")
    out += [f'<p class="doc-text">{_h(p)}</p>' for p in doc.paragraphs]
    out.append('<div class="doc-sign"><div class="doc-signatures">')
    out += [f'<p>{_h(label)}<span class="line"></span></p>' for label in doc.signatures]
    out.append("</div>")
    if doc.seal or doc.seal_hint:
        out.append(f'<div class="doc-seal"><span class="seal-name">{_h(doc.seal)}</span>'
                   f'<span>{_h(doc.seal_hint)}</span></div>')
    out.append("</div>")
    if doc.date_text:
        out.append(f'<p class="doc-date">{_h(doc.date_text)}</p>')
    if doc.footer:
        out.append(f'<p class="doc-footer">{_h(doc.footer)}</p>')
    out.append("</section>")
    return "\n".join(out)


def document_html(doc: Document, lang: str) -> str:
    """``doc`` as a standalone print-ready page in ``lang`` (``zh_CN`` or ``en``)."""
    return page_html(doc.title, [document_section(doc)], lang)


def page_html(title: str, sections: list[str], lang: str, extra_css: str = "") -> str:
    """A standalone HTML page of ``sections`` with the print style."""
    code = "zh-CN" if lang == "zh_CN" else "en"
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="{code}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>", f"<style>{PRINT_CSS}{extra_css}</style>", "</head>", "<body>",
        *sections, "</body>", "</html>", ""])
