"""How easy a text is to read (a test helper): the Flesch reading ease score, and what is not plain.

    score = 206.835 − 1.015 × (words per sentence) − 84.6 × (syllables per word)

60–70 is plain English (most adults read it easily); 30 and below is academic prose.

Counting rules, kept small on purpose:

- a **sentence** ends at ".", "!" or "?" followed by a space or the end of the text, and at
  every line break (a heading or a list item counts as a sentence); a decimal point does not end one;
- a **word** is a run of characters between spaces holding at least one letter or digit;
- **syllables**: a word of up to three letters has one. Otherwise a silent ending is dropped
  ("-e" or "-es" after a consonant other than "l"; "-ed" after one other than "l", "d" or "t"),
  then a leading "y", and each run of one or two vowels (a, e, i, o, u, y) counts as one
  syllable, at least one per word.
  A token without letters (a number such as 0.001, a symbol such as λ) counts as one syllable.
  The rule is right for most everyday words and off by one for some ("create", "being").
"""

import re

#: Not plain: e-notation ("1e-08", "2.5E+16"), powers of ten ("10^8", "10⁸", "10⁻³", "×10") and superscript
#: powers (x¹⁵). Text a reader must read holds none of them.
NOT_PLAIN = re.compile(r"\d[eE][+-]?\d|\^|[⁰¹²³⁴⁵⁶⁷⁸⁹]|×\s*10|10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]")

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeioudty]ed|[^laeiouy]e)$")
_VOWEL_RUN = re.compile(r"[aeiouy]{1,2}")


def syllables(word):
    """Estimated syllables of one word (see the module's rules)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1
    if len(letters) <= 3:
        return 1
    letters = _SILENT_ENDING.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(_VOWEL_RUN.findall(letters)))


def _words(sentence):
    return [token for token in sentence.split() if re.search(r"\w", token)]


def text_counts(text):
    """(sentences, words, syllables) of ``text``: only sentences that hold a word count."""
    sentences = [_words(part) for part in _SENTENCE_END.split(str(text))]
    sentences = [words for words in sentences if words]
    words = [word for sentence in sentences for word in sentence]
    return len(sentences), len(words), sum(syllables(word) for word in words)


def flesch_reading_ease(text):
    """The Flesch reading ease of ``text``: higher is easier; 60 or more is plain English.

    Raises
    ------
    ValueError
        If the text holds no words.
    """
    n_sentences, n_words, n_syllables = text_counts(text)
    if n_words == 0:
        raise ValueError("the text holds no words to score.")
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words
