from django import forms
from django.core.exceptions import ValidationError

from .safety import MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a spreadsheet",
        help_text=f"An .xlsx or .csv file of at most {MAX_BYTES // 1024 // 1024} MB. Nothing is "
        "changed until you have seen what it would do and confirmed.",
        error_messages={"required": "Choose a spreadsheet to upload"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading a byte of it: the size the upload handler counted.
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"The file is larger than {MAX_BYTES // 1024 // 1024} MB; split it or remove "
                "pictures from it."
            )
        return upload
