"""The public service guide (政务公开指南): every active item by department with its six disclosures.

Rendered as Markdown or as a standalone, print-ready HTML page (A4, the center's
header, one page per item: :mod:`console.core.printable`), in the current language.  :func:`disclosures` is also what ``hall catalog show`` prints.
"""

from __future__ import annotations

import html
import re
from datetime import date
from itertools import groupby

from console.catalog.browse import ItemDetail, MaterialInfo, item_details
from console.core.context import Context
from console.core.errors import Invalid
from console.core.i18n import get_language, t
from console.core.parsing import format_yuan
from console.core.runner import PUBLIC, use_case

FORMATS = ("md", "html")


def days_text(days: int) -> str:
    """``0`` → on the spot (即办); otherwise N working days."""
    return t("catalog.days_on_the_spot") if days == 0 else t("catalog.days_value", days=days)


def fee_text(item: ItemDetail) -> str:
    """The fee standard: the amount (or free) and the published text."""
    amount = t("catalog.fee_amount", amount=format_yuan(item.fee_fen)) if item.fee_fen else ""
    text = item.fee_standard.strip()
    if amount and text:
        return f"{amount} ({text})"
    return amount or text or t("catalog.fee_free")


def material_text(material: MaterialInfo) -> str:
    """One material as published: name, copies, optional, note."""
    text = material.name
    if material.copies != 1:
        text += t("catalog.material_copies", copies=material.copies)
    if not material.required:
        text += t("catalog.material_optional")
    if material.note:
        text += t("catalog.material_note", note=material.note)
    return text


def disclosures(item: ItemDetail) -> list[tuple[str, str | list[str]]]:
    """The six disclosures (六公开) as ``(label, value)``; materials are a list of lines."""
    none = t("catalog.not_stated")
    return [
        (t("catalog.label_legal_basis"), item.legal_basis.strip() or none),
        (t("catalog.label_procedure"), item.procedure.strip() or none),
        (t("catalog.label_materials"), [material_text(m) for m in item.materials] or [t("catalog.no_materials")]),
        (t("catalog.label_promised_days"), days_text(item.promised_days)),
        (t("catalog.label_fee_standard"), fee_text(item)),
        (t("catalog.label_fee_basis"), item.fee_basis.strip() or none),
    ]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&~])")


def _md(text: str) -> str:
    """Escape Markdown punctuation and raw HTML; keep line breaks as hard breaks."""
    return "  \n  ".join(_MD_SPECIAL.sub(r"\\\1", line) for line in text.splitlines() or [""])


def _groups(items: list[ItemDetail]):
    return [(key, list(group)) for key, group in groupby(items, key=lambda i: (i.department_code, i.department))]


def render_markdown(items: list[ItemDetail], day: date) -> str:
    """The guide as Markdown, dated ``day``."""
    out = [f"# {t('catalog.guide_title')}", "",
           t("catalog.guide_meta", count=len(items), date=day.isoformat()), ""]
    for (dept_code, dept_name), group in _groups(items):
        out += [f"## {_md(dept_name)} ({_md(dept_code)})", ""]
        for item in group:
            out += [f"### {_md(item.code)} {_md(item.name)}", ""]
            for label, value in disclosures(item):
                if isinstance(value, list):
                    out.append(f"- **{label}**:")
                    out += [f"  {n}. {_md(line)}" for n, line in enumerate(value, start=1)]
                else:
                    out.append(f"- **{label}**: {_md(value)}")
            out.append("")
    if not items:
        out += [t("catalog.guide_empty"), ""]
    return "\n".join(out)


#: the guide's own print rules over the documents' (:data:`console.core.printable.PRINT_CSS`):
#: a title page with the contents, then every item on a page of its own
_STYLE = """
.guide-title { text-align: center; font-size: 22pt; letter-spacing: .3em; margin: 30mm 0 4mm; }
.meta { text-align: center; color: #333; }
nav h2 { font-size: 13pt; border-bottom: 0.6pt solid #999; }
nav ul { columns: 2; font-size: 10pt; }
a { color: inherit; text-decoration: none; }
.item { break-before: page; page-break-before: always; }
.item .dept { color: #c00; font-size: 10.5pt; border-bottom: 0.6pt solid #c00; margin: 0 0 3mm; }
.item h3 { font-size: 15pt; margin: 0 0 3mm; }
.code { font-family: monospace; color: #444; margin-right: .5em; }
dl { display: grid; grid-template-columns: 7.5em 1fr; gap: 1.2mm 4mm; margin: 0; font-size: 10.5pt; }
dt { font-weight: bold; }
dd { margin: 0; }
dd ol { margin: 0; padding-left: 1.4em; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 10mm; background: #fff; } }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br>\n")


def render_html(items: list[ItemDetail], day: date, issuer: str = "") -> str:
    """The guide as a standalone, print-ready HTML page dated ``day``, every value escaped: A4, the
    issuing center's header and the contents on the first page, then each item on a page of its own."""
    from console.core.printable import page_html

    title = _h(t("catalog.guide_title"))
    groups = _groups(items)
    out = ['<section class="front">']
    if issuer:
        out.append(f'<header class="doc-header"><p class="doc-issuer">{_h(issuer)}</p></header>')
    out += [f'<h1 class="guide-title">{title}</h1>',
            f'<p class="meta">{_h(t("catalog.guide_meta", count=len(items), date=day.isoformat()))}</p>']
    if groups:
        out.append(f"<nav><h2>{_h(t('catalog.guide_contents'))}</h2><ul>")
        for n, ((dept_code, dept_name), group) in enumerate(groups, start=1):
            out.append(f'<li><a href="#dept-{n}">{_h(dept_name)}</a> ({len(group)})</li>')
        out.append("</ul></nav>")
    else:
        out.append(f"<p>{_h(t('catalog.guide_empty'))}</p>")
    out.append("</section>")
    for n, ((dept_code, dept_name), group) in enumerate(groups, start=1):
        out.append(f'<section class="department" id="dept-{n}">')
        for item in group:
            out.append(f'<article class="item" id="item-{_h(item.code)}">')
            out.append(f'<p class="dept">{_h(dept_name)} <span class="code">{_h(dept_code)}</span></p>')
            out.append(f'<h3><span class="code">{_h(item.code)}</span>{_h(item.name)}</h3>')
            out.append("<dl>")
            for label, value in disclosures(item):
                out.append(f"<dt>{_h(label)}</dt>")
                if isinstance(value, list):
                    lines = "".join(f"<li>{_h(line)}</li>" for line in value)
                    out.append(f"<dd><ol>{lines}</ol></dd>")
                else:
                    out.append(f"<dd>{_h(value)}</dd>")
            out.append("</dl>")
            out.append("</article>")
        out.append("</section>")
    return page_html(t("catalog.guide_title"), ["\n".join(out)], get_language(), extra_css=_STYLE)


@use_case(PUBLIC)
def render_guide(ctx: Context, fmt: str) -> str:
    """The public guide of every active item, as ``md`` or ``html``, in the current language, dated today."""
    if fmt not in FORMATS:
        raise Invalid("catalog.guide_format", field="format", format=fmt, formats=", ".join(FORMATS))
    items = item_details(ctx)
    if fmt == "md":
        return render_markdown(items, ctx.today())
    from sqlalchemy import select

    from models.org import Site, SiteKind

    issuer = ctx.session.scalar(select(Site.name).where(Site.kind == SiteKind.center, Site.parent_id.is_(None))
                                .order_by(Site.id).limit(1)) or ""
    return render_html(items, ctx.today(), issuer)
