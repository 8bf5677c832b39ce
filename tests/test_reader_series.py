"""Which text column splits a file into series: only a long-format key, never a description, payee or note.

Every file is written here the way the program that makes it would write it.
"""

import datetime
import random

from core.reader import default_series, extract_xy, read_table


def us_bank_statement(seed=7, n_rows=130):
    """A US bank's CSV download: a Description with 12 merchants, some of them often, dates repeating."""
    rng = random.Random(seed)
    merchants = {
        "AMAZON MKTPLACE PMTS": 20,
        "STARBUCKS STORE 0412": 18,
        "SHELL OIL 5744": 15,
        "WHOLEFDS MKT 10234": 14,
        "NETFLIX.COM": 6,
        "UBER TRIP HELP.UBER.COM": 12,
        "TARGET T-1234": 11,
        "CVS/PHARMACY #0412": 9,
        "VENMO PAYMENT": 10,
        "COMCAST CABLE": 3,
        "CHIPOTLE 1234": 8,
        "PAYROLL DEPOSIT ACME INC": 4,
    }
    day, balance = datetime.date(2024, 1, 2), 5234.17
    lines = ["Date,Description,Amount,Running Bal."]
    for _ in range(n_rows):
        day += datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2]))
        merchant = rng.choices(list(merchants), list(merchants.values()))[0]
        amount = 2450.0 if merchant.startswith("PAYROLL") else -round(rng.uniform(3, 180), 2)
        balance = round(balance + amount, 2)
        lines.append(f'{day:%m/%d/%Y},{merchant},"{amount:,.2f}","{balance:,.2f}"')
    return ("\n".join(lines) + "\n").encode()


def sparkasse_statement(seed=11, n_rows=150):
    """A German savings bank's CSV-CAMT export: semicolons, payees that recur (rent, salary, shops)."""
    rng = random.Random(seed)
    payees = [
        "REWE Markt GmbH",
        "Stadtwerke München",
        "Vermieter Huber",
        "Arbeitgeber AG",
        "Amazon EU S.a.r.l.",
        "Deutsche Bahn",
        "Aral Tankstelle",
        "dm-drogerie markt",
        "Telekom Deutschland",
        "Bäckerei Müller",
    ]
    day = datetime.date(2024, 1, 1)
    lines = [
        '"Auftragskonto";"Buchungstag";"Valutadatum";"Beguenstigter/Zahlungspflichtiger";"Verwendungszweck";'
        '"Betrag";"Waehrung"'
    ]
    for i in range(n_rows):
        day += datetime.timedelta(days=rng.choice([0, 1, 1, 2]))
        payee = rng.choice(payees)
        amount = f"{rng.uniform(-250, -2):.2f}".replace(".", ",")
        lines.append(
            f'"DE12700500000001234567";"{day:%d.%m.%y}";"{day:%d.%m.%y}";"{payee}";"Ref {i:05d}";"{amount}";"EUR"'
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_a_bank_statement_description_is_not_a_series():
    table = read_table(us_bank_statement())
    assert table.series == {} and table.split is None
    assert default_series(table) is None
    xy = extract_xy(table, "Date", "Running Bal.")
    assert xy.y.size == 130 and xy.series is None
    assert not any("series" in note for note in table.notes)


def test_a_payee_column_is_not_a_series():
    table = read_table(sparkasse_statement())
    assert "Beguenstigter/Zahlungspflichtiger" not in table.series
    assert table.split is None and default_series(table) is None
    assert extract_xy(table, "Buchungstag", "Betrag").y.size == 150


def test_recurring_payees_on_their_own_dates_are_not_series():
    """Six payees of 20 rows each: enough rows per key, but no date is shared by the keys."""
    rng = random.Random(3)
    days = rng.sample(range(365), 120)
    payees = ["Rent", "Gym", "Phone", "Power", "Water", "Insurance"]
    start = datetime.date(2024, 1, 1)
    text = "day,payee,amount\n" + "".join(
        f"{start + datetime.timedelta(days=d)},{payees[i % 6]},{rng.uniform(10, 90):.2f}\n" for i, d in enumerate(days)
    )
    assert read_table(text.encode()).series == {}


def test_a_notes_column_beside_repeated_quantities_is_not_a_series():
    rng = random.Random(5)
    text = "quantity,note,price\n" + "".join(
        f"{rng.randint(1, 8)},{rng.choice(['ok', 'ok', 'ok', 'checked'])},{rng.uniform(1, 9):.2f}\n" for _ in range(200)
    )
    table = read_table(text.encode())
    assert table.series == {} and table.split is None


def test_stocks_in_long_format_are_split_by_symbol():
    text = "date,symbol,close\n" + "".join(
        f"2024-01-{day:02d},{symbol},{base + day * step}\n"
        for day in range(1, 29)
        for symbol, base, step in (("AAPL", 180, 1), ("MSFT", 370, 2), ("IBM", 160, -1))
    )
    table = read_table(text.encode())
    assert table.series == {"symbol": ["AAPL", "MSFT", "IBM"]} and table.split == "symbol"
    assert default_series(table) == ("symbol", "AAPL")
    assert extract_xy(table, "date", "close", series=default_series(table)).y.tolist()[:3] == [181, 182, 183]


def test_a_key_shared_with_a_second_key_is_offered_but_everything_is_drawn():
    """Sales by date, region and product: region repeats each date three times (once per product)."""
    text = "date,region,product,units\n" + "".join(
        f"2024-02-{day:02d},{region},{product},{day + r * 10 + p}\n"
        for day in range(1, 21)
        for r, region in enumerate(["North", "South", "East", "West"])
        for p, product in enumerate(["tea", "coffee", "cocoa"])
    )
    table = read_table(text.encode())
    assert table.split is None and default_series(table) is None
    assert set(table.series) == {"region", "product"}
    assert any("may hold" in note and "every row is drawn together" in note for note in table.notes)
    assert extract_xy(table, "date", "units").y.size == 240
    assert extract_xy(table, "date", "units", series=("region", "East")).y.size == 60


def test_a_key_whose_series_share_few_x_values_is_offered_not_split():
    """Two sensors logging on their own clocks: most times belong to one sensor only."""
    rows = [f"{t},A,{t * 0.5}" for t in range(0, 60, 2)] + [f"{t},B,{t * 0.3}" for t in range(1, 61, 2)]
    rows += [f"{t},B,{t * 0.3}" for t in range(0, 50, 2)]  # part of B's log shares A's times
    text = "time,sensor,reading\n" + "\n".join(rows) + "\n"
    table = read_table(text.encode())
    assert table.split is None and "sensor" in table.series


def test_a_short_category_keeps_the_file_from_being_split_for_sure():
    text = "month,region,revenue\n" + "".join(
        f"2024-{m:02d},{region},{base + m}\n"
        for region, base, months in (("North", 100, 12), ("South", 200, 12), ("Islands", 50, 3))
        for m in range(1, months + 1)
    )
    table = read_table(text.encode())
    assert table.split is None and table.series == {"region": ["North", "South", "Islands"]}
