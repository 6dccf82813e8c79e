"""The demo plan's report defaults: the source's front sheet and the officers' own paragraphs
(`../shared/seed`), so its committee report for 12 March 2013 starts as the source does.

The contact officer is the role, as everywhere in the demo; the address is an example one.
Paragraphs are separated by a blank line: each gets its own number in the report.
"""

ROLE = "Assistant Director, Safeguarding and Social Care"

DEFAULTS: dict[str, str] = {
    "decision_maker": "CARE SERVICES POLICY DEVELOPMENT AND SCRUTINY COMMITTEE",
    "decision_type": "Urgent Non-Executive Non-Key",
    "contact_officer_role": ROLE,
    "contact_officer_contact": "assistant.director.safeguarding@example.gov.uk",
    "chief_officer": "Executive Director of Education & Care Services",
    "wards": "(All Wards)",
    "policy_status": "Not Applicable",
    "priority": "Children and Young People",
    "cost_of_proposal": "Not Applicable",
    "ongoing_costs": "Not Applicable",
    "budget_head": ROLE,
    "current_budget": "£",
    "legal_requirement": "Children Act 1989 and the Education and Inspections Act 2006.",
    "call_in": "Applicable",
    "ward_councillors_asked": "Not Applicable",
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
    "non_applicable_sections": "Personnel implications.",
    "background_documents": "(Access via Contact Officer)",
}
