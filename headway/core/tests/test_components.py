"""The GOV.UK component layer: Django form fields become GOV.UK Frontend's markup, escaped."""

import re

from django import forms
from django.template import Context, Template
from django.utils.html import format_html

from headway.core.forms import GovukDateField


class Questions(forms.Form):
    title = forms.CharField(label="Title", help_text="As on the <cover>")
    status = forms.ChoiceField(
        label="Status",
        choices=[("on", "On track"), ("off", "Off <track>")],
        widget=forms.RadioSelect,
    )
    due = GovukDateField(label="Due date")
    narrative = forms.CharField(label="Narrative", widget=forms.Textarea(attrs={"rows": 4}))
    agreed = forms.BooleanField(label="I agree", required=False)


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def test_a_text_field_is_labelled_hinted_and_escaped():
    form = Questions({"title": "<script>alert(1)</script>"})
    html = render("{% govuk_field form.title label__isPageHeading=True %}", form=form)
    assert '<h1 class="govuk-label-wrapper">' in html
    assert 'for="id_title"' in html
    assert "As on the &lt;cover&gt;" in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "<script>" not in html
    assert 'aria-describedby="id_title-hint"' in html


def test_radios_keep_django_ids_and_show_a_conditional_reveal():
    form = Questions({"status": "off"})
    reveal = format_html("<p>{}</p>", "Say why <now>")
    html = render(
        "{% govuk_field form.status reveals=reveals %}", form=form, reveals={"off": reveal}
    )
    assert re.search(r'id="id_status_1"[^>]*value="off"[^>]*checked', html)
    assert "Off &lt;track&gt;" in html
    assert "<p>Say why &lt;now&gt;</p>" in html
    assert 'data-aria-controls="conditional-id_status_1"' in html
    assert "govuk-fieldset__legend" in html


def test_a_date_is_three_boxes_that_keep_what_was_typed():
    form = Questions({"due_0": "31", "due_1": "2", "due_2": "2013"})
    assert not form.is_valid()
    html = render("{% govuk_error_summary form %}{% govuk_field form.due %}", form=form)
    assert '<a href="#id_due_0">Due date must be a real date.</a>' in html
    for index, value in enumerate(("31", "2", "2013")):
        assert f'id="id_due_{index}" name="due_{index}" type="text" value="{value}"' in html
    assert 'role="group"' in html
    assert "govuk-form-group--error" in html


def test_the_error_summary_lists_every_error_in_field_order():
    form = Questions({"agreed": "on"})
    assert not form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    links = re.findall(r'<a href="(#[^"]+)">', html)
    assert links == ["#id_title", "#id_status_0", "#id_due_0", "#id_narrative"]
    assert render("{% govuk_error_summary form %}", form=Questions()) == ""


def test_html_parameters_not_marked_safe_are_escaped():
    html = render('{% govuk "inset-text" html=words %}', words="<b>bold</b>")
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    html = render(
        '{% govuk "button" text=words classes="govuk-button--secondary" %}', words="Save <now>"
    )
    assert "Save &lt;now&gt;" in html
    assert "govuk-button govuk-button--secondary" in html


def test_a_single_checkbox_posts_what_django_reads_as_true():
    form = Questions({"agreed": "on"})
    form.is_valid()
    assert form.cleaned_data["agreed"] is True
    html = render("{% govuk_field form.agreed %}", form=form)
    assert re.search(r'name="agreed" type="checkbox" value="on" checked', html)


def test_several_checkboxes_are_checkboxes_not_radios():
    class Pick(forms.Form):
        kinds = forms.MultipleChoiceField(
            label="Kinds",
            choices=[("a", "A"), ("b", "B")],
            widget=forms.CheckboxSelectMultiple,
        )

    html = render("{% govuk_field form.kinds %}", form=Pick({"kinds": ["b"]}))
    assert 'type="checkbox"' in html and 'type="radio"' not in html
    assert re.search(r'id="id_kinds_1"[^>]*value="b"[^>]*checked', html)
