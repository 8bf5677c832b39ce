"""Column names a reader can tell apart: cleaned, shortened, unique."""

import unicodedata

from .words import name_list, number_word

MAX_NAME_CHARS = 80


def column_names(header, has_header):
    """Cleaned, unique column names and notes on the renaming.

    Invisible characters (zero-width spaces, right-to-left overrides and other format
    characters) are removed, so two names that look alike are alike; white space inside
    a name becomes single spaces; names longer than ``MAX_NAME_CHARS`` are shortened;
    a missing name becomes "Column <position>".
    """
    visible = [_visible(str(cell)) for cell in header]
    names = [" ".join(cell.split()) for cell in visible]
    notes = []
    if any(clean != str(cell) for clean, cell in zip(visible, header)):
        notes.append("Invisible characters (such as zero-width spaces) were removed from column names.")
    if not has_header:
        notes.append(
            "The first line holds numbers, not column names, so it was read as data; "
            'the columns are called "Column 1", "Column 2" and so on.'
        )
    else:
        if any(len(name) > MAX_NAME_CHARS for name in names):
            notes.append(f"Column names longer than {MAX_NAME_CHARS} characters were shortened.")
        if "" in names:
            notes.append('Columns without a name are called by their position, like "Column 3".')
    names = [_short(name) or f"Column {i + 1}" for i, name in enumerate(names)]
    unique, renamed = _deduplicate(names)
    return unique, notes + _duplicate_notes(renamed)


def _visible(name):
    """``name`` without Unicode format characters (category Cf: zero-width and direction marks)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf")


def _short(name):
    return name if len(name) <= MAX_NAME_CHARS else name[: MAX_NAME_CHARS - 1] + "…"


def _deduplicate(names):
    """Repeated names get " (2)", " (3)", ...; return the names and {original: [shown names]}."""
    taken, seen, unique, renamed = set(names), set(), [], {}
    for name in names:
        shown = name
        if name in seen:
            k = 2
            while f"{name} ({k})" in taken:
                k += 1
            shown = f"{name} ({k})"
            taken.add(shown)
            renamed.setdefault(name, [name]).append(shown)
        seen.add(shown)
        unique.append(shown)
    return unique, renamed


def _duplicate_notes(renamed):
    if len(renamed) > 3:
        example = next(iter(renamed))
        return [
            f"{len(renamed)} column names were used more than once; the repeats are shown with a number, "
            f'like "{example} (2)".'
        ]
    notes = []
    for name, shown in renamed.items():
        if len(shown) == 2:
            notes.append(f'Two columns were both called "{name}"; the second is shown as "{shown[1]}".')
        else:
            notes.append(
                f'{number_word(len(shown)).capitalize()} columns were all called "{name}"; '
                f"they are shown as {name_list(shown)}."
            )
    return notes
