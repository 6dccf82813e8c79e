"""The demo plan's report defaults: the source's front sheet and its sections with the officers'
standing paragraphs in place (`../shared/seed`), so a report of the plan starts as the source
does: 1.1, 1.2; 2 (not numbered); 3.1, 3.2, the inspections, the outcome areas, the table, the
progress paragraph, then the performance indicators (3.9, after the source's last paragraph, so
no number of the source moves); 4.1; 5.1; 6.1. What the officers wrote for the March 2013 report
alone is in ``report.py``.

The contact officer is the role, as everywhere in the demo; the address is an example one.
"""

from typing import Any

from headway.reports.body import DRAFTED_KIND, PLACED_KIND, block, officer_blocks, section

ROLE = "Assistant Director, Safeguarding and Social Care"

DEFAULTS: dict[str, str] = {
    "decision_maker": "CARE SERVICES POLICY DEVELOPMENT AND SCRUTINY COMMITTEE",
    "decision_type": "Urgent Non-Executive Non-Key",
    "contact_officer_role": ROLE,
    "contact_officer_contact": "assistant.director.safeguarding@example.gov.uk",
    "chief_officer": "Executive Director of Education & Care Services",
    "wards": "(All Wards)",
    "policy_status": "Not Applicable",
    "priority_label": "BBB Priority",
    "priority": "Children and Young People",
    "cost_of_proposal": "Not Applicable",
    "ongoing_costs": "Not Applicable",
    "budget_head": ROLE,
    "current_budget": "£",
    "legal_requirement": "Children Act 1989 and the Education and Inspections Act 2006.",
    "call_in": "Applicable",
    "ward_councillors_asked": "Not Applicable",
    "non_applicable_sections": "Personnel implications.",
    "background_documents": "(Access via Contact Officer)",
}


# The officers' standing words, section by section; paragraphs separated by a blank line.
PROSE: dict[str, str] = {
    "reason_for_report": (
        "Since 2010 work to improve services within the Children's Safeguarding and Social Care "
        "Division of the Education and Care Services Department (formerly as part of Children "
        "and Young People Services) has been formulated into of an annual performance "
        "improvement plan. This is effectively the annual business plan for the division. It "
        "brings together the range of actions across the division that are desired to achieve "
        "the best possible outcomes for vulnerable children and shows how the service strives "
        "for continuous improvement.\n\n"
        "This report is to update elected members on progress against the objectives outlined "
        "in the Children's Social Care Performance Improvement Plan 2012/13."
    ),
    "recommendations": (
        "Members are asked to review the Children's Social Care Performance Improvement Plan and "
        "ask for further clarification or information and offer comments."
    ),
    "commentary_background": (
        "Since 2010 work to improve services in the Children's Safeguarding and Social Care "
        "Division of the Education and Care Services Department (formerly as part of Children "
        "and Young People Services) has been formulated into an annual performance improvement "
        "plan. This is the annual business plan for the division and has served to bring "
        "together in one place the various work streams within the Division structured in such "
        "a way as to set out objectives, desired outcomes, timescales and milestones, ownership "
        "and periodically updated progress.\n\n"
        "The attached performance improvement plan covers the period from September 2012 to "
        "August 2013."
    ),
    "policy_implications": (
        "Improving outcomes for vulnerable children sits within the Building a Better Bromley "
        "framework."
    ),
    "financial_implications": (
        "Improvements identified within the improvement plan are met from within existing budgets."
    ),
    "legal_implications": (
        "The duty to safeguard and protect children and the legal procedures and orders "
        "available to ensure protection are contained in the Children Act 1989 external "
        "inspections are carried out by Ofsted pursuant to Section 136 of the Education and "
        "Inspections Act 2006."
    ),
}


def body() -> list[dict[str, Any]]:
    """The sections a report of the demo plan starts with (``ReportDefaults.body``)."""
    return [
        section("Reason for report", officer_blocks(PROSE["reason_for_report"])),
        section("RECOMMENDATION(S)", officer_blocks(PROSE["recommendations"]), numbered=False),
        section(
            "COMMENTARY",
            [
                *officer_blocks(PROSE["commentary_background"]),  # 3.1, 3.2
                block(DRAFTED_KIND, "inspections"),  # 3.3
                block(DRAFTED_KIND, "areas"),  # 3.6, once the March report adds 3.4 and 3.5
                block(PLACED_KIND, "table"),  # 3.7
                block(DRAFTED_KIND, "progress"),  # 3.8
                block(PLACED_KIND, "indicators"),  # 3.9: the scorecard and trend charts
            ],
        ),
        section("POLICY IMPLICATIONS", officer_blocks(PROSE["policy_implications"])),
        section("FINANCIAL IMPLICATIONS", officer_blocks(PROSE["financial_implications"])),
        section("LEGAL IMPLICATIONS", officer_blocks(PROSE["legal_implications"])),
    ]
