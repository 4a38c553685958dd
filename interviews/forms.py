"""Forms of the candidate's pages."""

from __future__ import annotations

from django import forms

from interviews.tracks import CUSTOM_MAX_QUESTIONS, CUSTOM_MINUTES, SECTION_NAMES, TRACKS


class CustomTrackForm(forms.Form):
    sections = forms.MultipleChoiceField(
        choices=list(SECTION_NAMES.items()), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one section."},
    )
    count = forms.IntegerField(label="Questions", min_value=1, max_value=CUSTOM_MAX_QUESTIONS, initial=2)
    minutes = forms.IntegerField(label="Minutes", min_value=CUSTOM_MINUTES[0], max_value=CUSTOM_MINUTES[1],
                                 initial=30)


class TrackChoiceForm(forms.Form):
    track = forms.ChoiceField(choices=[(slug, track.name) for slug, track in TRACKS.items()])
