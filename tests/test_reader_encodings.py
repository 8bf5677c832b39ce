"""Files that are not UTF-8: the bytes that differ between Windows-1252, Windows-1250 and Latin-1 decide.

Every file is built here from text and encoded as the program that wrote it would; the expected
letters and numbers are the ones written, never values computed by core.reader.
"""

import random

import pytest

from core.reader import default_columns, dropped_sentence, extract_xy, read_table
from core.reader.legacy import CENTRAL, LATIN_1, WESTERN, choose_legacy

NBSP = "\u00a0"


def encoding_notes(table):
    return [note for note in table.notes if "UTF-8" in note]


def french_amount(value):
    """14 458,50 € as French Excel writes it: no-break spaces between thousands and before the sign."""
    whole, cents = f"{value:,.2f}".split(".")
    return whole.replace(",", NBSP) + "," + cents + NBSP + "€"


def french_export(n_rows=60, seed=3):
    """A French Excel 'CSV (séparateur : point-virgule)' export: Windows-1252, CRLF, typographic punctuation."""
    rng = random.Random(seed)
    clients = ["Société Générale", "Crème & Café", "Boulangerie l’Épi", "Hôtel – Côte d’Azur", "Père «Noël»"]
    amounts = [round(rng.uniform(50, 40_000), 2) for _ in range(n_rows)]
    lines = ["Date;Client;Chiffre d’affaires;Quantité;Remarque"]
    for i, amount in enumerate(amounts):
        day, month = i % 28 + 1, i // 28 + 1
        note = "réglé — merci…" if i % 3 else "à relancer"
        lines.append(f"{day:02d}/{month:02d}/2024;{clients[i % 5]};{french_amount(amount)};{i + 3};{note}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252"), amounts, clients


def test_a_french_excel_export_reads_every_euro_amount_and_letter():
    data, amounts, clients = french_export()
    assert b"\x80" in data and b"\xa0" in data and b"\x92" in data and b"\x96" in data  # €, no-break space, ’, –
    table = read_table(data)
    assert list(table.frame.columns) == ["Date", "Client", "Chiffre d’affaires", "Quantité", "Remarque"]
    assert table.frame["Chiffre d’affaires"].tolist() == amounts
    assert table.frame["Client"].tolist()[:5] == clients
    assert table.frame["Remarque"].tolist()[:3] == ["à relancer", "réglé — merci…", "réglé — merci…"]
    assert "Chiffre d’affaires" in table.numeric_columns
    assert default_columns(table) == ("Date", "Chiffre d’affaires")
    xy = extract_xy(table, "Date", "Chiffre d’affaires")
    assert xy.y.tolist() == amounts and xy.dropped == {} and dropped_sentence(xy) is None
    assert 'Currency signs were dropped in "Chiffre d’affaires".' in table.notes
    assert "Thousands separators were removed (1 200 is read as 1200)." in table.notes
    assert encoding_notes(table) == []  # Windows-1252 and -1250 read these bytes alike; Latin-1 cannot read €


def test_latin_1_bytes_without_the_windows_only_range_read_the_same():
    text = "ville;n;prix\n" + "".join(f"Orléans {i};{i};{i},50\n" for i in range(6)) + "Besançon;6;7,25\n"
    table = read_table(text.encode("latin-1"))
    assert table.frame["ville"].tolist()[-1] == "Besançon"
    assert table.frame["prix"].tolist() == [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 7.25]


WESTERN_FILES = {
    "French": "Ville;Nombre;Prix\nMarseille;3;12,50\nPère Noël;4;13,00\nÀ la carte;5;2,00\nCrème brûlée;6;4,00\n"
    "Hôtel de l’Étoile;7;8,00\n",
    "Spanish": "Ciudad;n;precio\nCoruña;1;2\nMálaga;2;3\nLogroño;3;4\n¿Qué tal?;4;5\nCádiz;5;6\n",
    "Portuguese": "Cidade;n;preço\nSão Paulo;1;2\nGuimarães;2;3\nJoão Pessoa;3;4\nMaranhão;4;5\nPiauí;5;6\n",
    "Italian": "Città;n;prezzo\nForlì;1;2\nCantù;2;3\nPerché;3;4\nCosì;4;5\nPiù caffè;5;6\n",
    "Danish": "By;n;pris\nÅrhus;1;2\nKøbenhavn;2;3\nÆrø;3;4\nRønne;4;5\nHelsingør;5;6\n",
    "Swedish": "Stad;n;pris\nGöteborg;1;2\nMalmö;2;3\nVästerås;3;4\nUmeå;4;5\nLinköping;5;6\n",
    "British pounds": "item,price,n\nTea,£1.50,1\nCake,£2.25,2\nScone,£1.75,3\nJam,£3.00,4\nBread,£2.10,5\n",
}
CENTRAL_FILES = {
    "Czech": "Město;Počet;Cena\nPraha;1;2\nBrno;2;3\nČeské Budějovice;3;4\nPlzeň;4;5\nÚstí nad Labem;5;6\n",
    "Czech menu": "Položka;Cena;Kusů\nŘízek;1 234,50 Kč;1\nKnedlík;25,00 Kč;2\nSvíčková;189,90 Kč;3\n"
    "Guláš;2 150,00 Kč;4\nPivo;45,00 Kč;5\n",
    "Polish": "Miasto;Liczba;Cena\nŁódź;1;12,50 zł\nKraków;2;1 200,00 zł\nGdańsk;3;7,25 zł\nPoznań;4;8 zł\n"
    "Wrocław;5;9,99 zł\n",
    "Hungarian": "Város;Szám;Ár\nBudapest;1;2\nGyőr;2;3\nSzékesfehérvár;3;4\nPécs;4;5\nNyíregyháza;5;6\n",
    "Slovak": "Mesto;Počet;Cena\nBratislava;1;2\nKošice;2;3\nŽilina;3;4\nĽubochňa;4;5\nTrenčín;5;6\n",
    "Croatian": "Grad;Broj;Cijena\nZagreb;1;2\nČakovec;2;3\nĐakovo;3;4\nŠibenik;4;5\nKoprivnica;5;6\n",
    "Slovenian": "Mesto;Število;Cena\nLjubljana;1;2\nKočevje;2;3\nČrnomelj;3;4\nMurska Sobota;4;5\nŽalec;5;6\n",
    "Romanian": "Oraş;Număr;Preţ\nBucureşti;1;2\nIaşi;2;3\nBraşov;3;4\nTimişoara;4;5\nConstanţa;5;6\n",
}


def assert_read_as_written(table, text):
    lines = [line.split(";" if ";" in line else ",") for line in text.splitlines()]
    assert list(table.frame.columns) == lines[0]
    assert table.frame[lines[0][0]].tolist() == [row[0] for row in lines[1:]]


@pytest.mark.parametrize("language", WESTERN_FILES)
def test_short_western_european_files_read_as_windows_1252(language):
    text = WESTERN_FILES[language]
    data = text.encode("cp1252")
    assert data.decode("cp1250") != text, "the test needs bytes the two code pages read differently"
    assert choose_legacy(data)[0] == WESTERN
    table = read_table(data)
    assert_read_as_written(table, text)
    assert all("Central European" not in note for note in table.notes)


@pytest.mark.parametrize("language", CENTRAL_FILES)
def test_short_central_european_files_read_as_windows_1250_with_a_note(language):
    text = CENTRAL_FILES[language]
    data = text.encode("cp1250")
    assert data.decode("cp1252", errors="replace") != text
    table = read_table(data)
    assert_read_as_written(table, text)
    (note,) = encoding_notes(table)
    assert "letters were guessed: read as Central European (Windows-1250)" in note


@pytest.mark.parametrize("language", ["Czech menu", "Polish"])
def test_central_european_amounts_with_local_currency_are_numbers(language):
    table = read_table(CENTRAL_FILES[language].encode("cp1250"))
    price = "Cena"
    assert price in table.numeric_columns
    expected = {"Czech menu": [1234.5, 25.0, 189.9, 2150.0, 45.0], "Polish": [12.5, 1200.0, 7.25, 8.0, 9.99]}
    assert table.frame[price].tolist() == expected[language]
    assert f'Currency signs were dropped in "{price}".' in table.notes


def test_a_byte_windows_1252_leaves_undefined_means_windows_1250():
    text = "Jméno;Počet;Váha\nŤapka;1;3\nŤuk;2;4\nMašťal;3;5\nKoťátko;4;6\nŤíkat;5;7\n"  # Ť (0x8D) and ť (0x9D)
    data = text.encode("cp1250")
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp1252")
    assert choose_legacy(data)[:2] == (CENTRAL, True)
    assert_read_as_written(read_table(data), text)


def test_bytes_no_windows_code_page_reads_fall_back_to_latin_1_with_a_note():
    text = "name;n;value\nA\x81b;0;1\n" + "".join(f"Café {i};{i};{i + 1}\n" for i in range(1, 50))
    data = text.encode("latin-1")  # 0x81 is undefined in both Windows code pages
    assert choose_legacy(data)[:2] == (LATIN_1, True)
    table = read_table(data)
    assert table.frame["value"].tolist() == list(range(1, 51))
    assert table.frame["name"].tolist()[-1] == "Café 49"
    assert "read as Latin-1 (ISO-8859-1)" in encoding_notes(table)[0]


def test_other_scripts_are_left_to_the_general_detector():
    text = "город;n;цена\nМосква;1;12\nСанкт-Петербург;2;13\nНовосибирск;3;14\nЕкатеринбург;4;15\nКазань;5;16\n"
    assert choose_legacy(text.encode("cp1251"))[0] is None


def test_a_long_french_file_with_few_accents_is_not_taken_for_central_european():
    lines = ["produit;n;prix"] + [f"article {i};{i};{i},{i % 100:02d} €" for i in range(2_000)] + ["crème;0;3,00 €"]
    data = "\n".join(lines).encode("cp1252")
    table = read_table(data)
    assert table.frame["produit"].tolist()[-1] == "crème"
    assert table.frame["prix"].tolist()[-1] == 3.0
