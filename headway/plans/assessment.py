"""The assessment of a progress update: one status, or a split across statuses that adds to one."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import ValidationError

from headway.core.fractions import format_count, from_sixtieths, to_sixtieths

from .choices import SHARE_FIELDS, Status


@dataclass(frozen=True)
class Assessment:
    """Shares of each status, exact, adding up to one (in status order, zero shares left out)."""

    shares: tuple[tuple[Status, Fraction], ...]

    @classmethod
    def single(cls, status: Status | str) -> "Assessment":
        return cls.from_shares({Status(status): Fraction(1)})

    @classmethod
    def from_shares(cls, shares: Mapping[Status | str, Fraction | int | str]) -> "Assessment":
        cleaned: dict[Status, Fraction] = {}
        for status, share in shares.items():
            value = Fraction(share)
            if value < 0:
                raise ValidationError(f"The share for {Status(status).label} cannot be negative.")
            if value:
                cleaned[Status(status)] = cleaned.get(Status(status), Fraction(0)) + value
        total = sum(cleaned.values(), Fraction(0))
        if total != 1:
            raise ValidationError(
                f"The shares of an assessment must add up to one whole; these add up to "
                f"{format_count(total)}.",
                code="shares_do_not_add_to_one",
            )
        for status, value in cleaned.items():
            try:
                to_sixtieths(value)
            except ValueError as exc:
                raise ValidationError(
                    f"The share {value} for {status.label} is not a half, third, quarter, fifth, "
                    f"sixth, tenth, twelfth or other whole number of sixtieths.",
                    code="share_not_exact",
                ) from exc
        ordered = tuple((status, cleaned[status]) for status in Status if status in cleaned)
        return cls(ordered)

    @classmethod
    def from_sixtieths(cls, values: Mapping[str, int]) -> "Assessment":
        """Build from share columns ``{"share_achieved": 30, ...}``."""
        return cls.from_shares(
            {
                status: from_sixtieths(values.get(field) or 0)
                for status, field in SHARE_FIELDS.items()
            }
        )

    @classmethod
    def parse(cls, text: str) -> "Assessment":
        """Read "Achieved", "½ achieved, ½ significant progress" or "1/2 Achieved + 1/2 Amber"."""
        from .status_words import status_from_word  # the vocabulary lives with the importer's

        parts = [part.strip() for part in re.split(r"[,;+&]| and ", text) if part.strip()]
        if not parts:
            raise ValidationError("No status was given.")
        shares: dict[Status, Fraction] = {}
        for part in parts:
            match = re.match(r"^(\d+\s*/\s*\d+|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚]|\d+(?:\.\d+)?)\s*(.*)$", part)
            if match and len(parts) > 1:
                share = _parse_share(match.group(1))
                word = match.group(2)
            else:
                share, word = Fraction(1), part
            status = status_from_word(word)
            shares[status] = shares.get(status, Fraction(0)) + share
        return cls.from_shares(shares)

    def as_sixtieths(self) -> dict[str, int]:
        """The share columns for a ProgressUpdate, every status present (zeros included)."""
        values = dict.fromkeys(SHARE_FIELDS.values(), 0)
        for status, share in self.shares:
            values[SHARE_FIELDS[status]] = to_sixtieths(share)
        return values

    def share_of(self, status: Status) -> Fraction:
        return dict(self.shares).get(status, Fraction(0))

    @property
    def is_split(self) -> bool:
        return len(self.shares) > 1

    @property
    def statuses(self) -> list[Status]:
        return [status for status, _ in self.shares]

    @property
    def includes_limited_progress(self) -> bool:
        return self.share_of(Status.LIMITED_PROGRESS_RISK) > 0

    @property
    def rank_sixtieths(self) -> int:
        """Weighted rank, in sixtieths, for comparing two assessments of the same action."""
        return sum(status.rank * to_sixtieths(share) for status, share in self.shares)

    def __str__(self) -> str:
        if not self.is_split:
            return self.shares[0][0].label
        return ", ".join(f"{format_count(share)} {status.label}" for status, share in self.shares)


_GLYPH_VALUES = {
    "½": Fraction(1, 2),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅕": Fraction(1, 5),
    "⅖": Fraction(2, 5),
    "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5),
    "⅙": Fraction(1, 6),
    "⅚": Fraction(5, 6),
}


def _parse_share(text: str) -> Fraction:
    text = text.replace(" ", "")
    if text in _GLYPH_VALUES:
        return _GLYPH_VALUES[text]
    return Fraction(text)
