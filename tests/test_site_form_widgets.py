"""PlainSelect (ess_site/form_widgets.py): the agenda's filter selects, rendered without a template
per option, must give a visitor exactly what Django's own <select> gives."""

import re

import pytest
from django import forms

from ess_site.form_widgets import PlainSelect

CHOICES = [("", "Toutes les structures"), ("a-b", "L'Épicerie « solidaire »"), ("3", "3e"), (4, "4e")]


def normalised(html):
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", "a-b", "3", 4, "absent"])
def test_same_markup_as_django_select(value):
    attrs = {"id": "filtre-organisateur", "aria-describedby": "filtre-organisateur-aide", "required": True}
    plain = PlainSelect(attrs=attrs, choices=CHOICES).render("organisateur", value)
    django = forms.Select(attrs=attrs, choices=CHOICES).render("organisateur", value)
    assert normalised(plain) == normalised(django)


def test_one_selected_option_and_escaped_labels():
    html = PlainSelect(choices=CHOICES + [("3", "encore 3e")]).render("organisateur", "3")
    assert html.count(" selected") == 1
    assert '<option value="3" selected>3e</option>' in html
    assert "L&#x27;Épicerie « solidaire »" in html


def test_grouped_choices_keep_their_optgroups():
    choices = [("Nord", [("13", "13e"), ("14", "14e")]), ("Centre", [("1", "1er")])]
    html = PlainSelect(choices=choices).render("arrondissement", "14")
    assert '<optgroup label="Nord">' in html
    assert normalised(html) == normalised(forms.Select(choices=choices).render("arrondissement", "14"))


def test_agenda_filters_use_it():
    from agenda.filters import AgendaFilterForm, PermanenceFilterForm

    html = str(PermanenceFilterForm({"arrondissement": "3"})["arrondissement"])
    assert '<option value="3" selected>3e</option>' in html
    assert isinstance(AgendaFilterForm().fields["type"].widget, PlainSelect)
