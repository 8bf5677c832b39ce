"""The reader's problems and the small pieces of plain English its messages are built from."""


class DataProblem(ValueError):
    """A problem with the reader's file, in plain words that say what is wrong and what to do."""


def count(n, noun):
    """ "1 row", "1,200 rows"."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def and_list(parts):
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def name_list(names, limit=4):
    """Quoted names joined with "and"; beyond ``limit`` the rest are counted."""
    quoted = [f'"{name}"' for name in names]
    if len(quoted) > limit:
        return ", ".join(quoted[: limit - 1]) + f" and {len(quoted) - limit + 1} more"
    return and_list(quoted)


def number_word(n):
    """ "two" for 2, up to ten; digits beyond."""
    words = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)
