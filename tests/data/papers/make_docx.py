"""Builds the sample .docx agenda and papers beside this file (run it to regenerate them).

The papers use Word's own automatic numbering (List Number styles and numbering definitions),
as officers' papers do, so the reader must write the numbers out itself.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).parent


def numbered(document, text: str, num_id: int, level: int = 0):
    """A paragraph in Word list ``num_id`` (numbering defined in the document, not typed)."""
    paragraph = document.add_paragraph(text)
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)
    return paragraph


def add_list(document, levels: list[tuple[str, str]], start: int = 1) -> int:
    """A new numbering definition (levels of (numFmt, lvlText)); returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = str(100 + len(numbering.findall(qn("w:abstractNum"))))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for index, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(index))
        for tag, value in (
            ("w:start", str(start if index == 0 else 1)),
            ("w:numFmt", fmt),
            ("w:lvlText", text),
        ):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num_id = str(200 + len(numbering.findall(qn("w:num"))))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    return int(num_id)


def agenda() -> None:
    document = docx.Document()
    document.add_heading("Skills and Employment Board", 1)
    document.add_paragraph("Agenda – Thursday 14 July 2025, 10.00 am, Committee Room 2")
    items = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2")])
    numbered(document, "Welcome and apologies", items)
    numbered(document, "Declarations of interest", items)
    numbered(document, "Minutes of the meeting held on 12 June 2025", items)
    numbered(document, "Matters arising", items)
    numbered(document, "Regional Skills Alliance", items)
    numbered(document, "Progress report (Paper SEB/25/07)", items, level=1)
    numbered(document, "Employer offer for 2025/26", items, level=1)
    document.add_paragraph("Part II – not for publication")
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("6", "Sale of the Crawley site", "Exempt, paragraph 3"),
                                       ("7", "Any other business", "Chair"))):  # fmt: skip
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(HERE / "agenda.docx")


def paper_item() -> None:
    """Shape (a): ITEM 8, the title in capitals, numbered paragraphs, the authors at the end."""
    document = docx.Document()
    document.add_paragraph("SKILLS AND EMPLOYMENT BOARD")
    document.add_paragraph("14 JULY 2025")
    document.add_paragraph("ITEM 8").runs[0].bold = True
    document.add_heading("REGIONAL SKILLS ALLIANCE: PROGRESS REPORT", 1)
    paragraphs = add_list(document, [("decimal", "%1.")])
    document.add_heading("Recommendation", 2)
    numbered(
        document,
        "That the Board NOTES the progress made by the six local skills alliances since March 2025.",
        paragraphs,
    )
    numbered(
        document,
        "That the Board APPROVES the timescale for a single employer offer set out in paragraph 5.",
        paragraphs,
    )
    document.add_heading("Background", 2)
    numbered(
        document,
        "The Regional Skills Alliance was set up in 2024 to bring the six local alliances together.",
        paragraphs,
    )
    numbered(document, "Each local alliance has now agreed a lead provider.", paragraphs)
    document.add_heading("Timescale", 2)
    numbered(document, "The Alliance proposes this timescale:", paragraphs)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(
        table.rows, (("September 2025", "Employer offer drafted"), ("January 2026", "Offer launched"))
    ):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.add_paragraph("")
    document.add_paragraph("Alison Plant")
    document.add_paragraph("Head of Skills")
    document.add_paragraph("")
    document.add_paragraph("Jamie Hunt")
    document.add_paragraph("Democratic Services Officer")
    document.save(HERE / "paper_item.docx")


def paper_report() -> None:
    """Shape (b): Purpose of report, Summary, Recommendation (That Board Members:), Action, contact block."""
    document = docx.Document()
    document.add_paragraph("Skills and Employment Board – 14 July 2025")
    document.add_heading("Apprenticeship Levy Transfer Scheme", 1)
    document.add_heading("Purpose of report", 2)
    document.add_paragraph(
        "To ask Board Members to agree how unspent apprenticeship levy is pledged to small employers."
    )
    document.add_heading("Summary", 2)
    document.add_paragraph("Large employers in the region returned £1.2m of levy last year.")
    document.add_paragraph("This report proposes a pooled transfer scheme.")
    document.add_heading("Recommendation", 2)
    document.add_paragraph("That Board Members:")
    for text in ("note the levy returned in 2024/25;", "agree the pooled transfer scheme set out in section 4; and",
                 "delegate the final criteria to the Head of Skills."):  # fmt: skip
        document.add_paragraph(text, style="List Number")
    document.add_heading("Action", 2)
    document.add_paragraph("Board Members are asked to agree the recommendations above.")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("Contact officer:", "Ruth Okonjo"), ("Position:", "Apprenticeship Programme Manager"),
                                       ("Email:", "ruth.okonjo@example.gov.uk"))):  # fmt: skip
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(HERE / "paper_report.docx")


if __name__ == "__main__":
    agenda()
    paper_item()
    paper_report()
