"""A 1,000,000-row CSV uploaded on the Your-data page in a real Chromium: time and server memory.

Run from the project root: .venv/bin/python bench/upload_big.py [--rows 1000000]
Prints the file size, the time from choosing the file to every chart painted, and the
server process's peak resident memory (VmHWM) before and after.
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.driver import TIMEOUT_MS, launch_chromium, open_app, serve_app, wait_for_app


def write_csv(path, rows):
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 100, rows)
    y = 50 + 30 * np.sin(x / 12) + rng.normal(0, 8, rows)
    with open(path, "w") as out:
        out.write("hours,output\n")
        np.savetxt(out, np.column_stack([x, y]), fmt="%.6f", delimiter=",")


def memory_kb(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "big.csv"
        write_csv(csv, args.rows)
        with serve_app() as server, launch_chromium() as browser:
            page = browser.new_page(base_url=server.url, viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            open_app(page, "/your-data")
            before = memory_kb(server.pid, "VmRSS")
            started = time.perf_counter()
            page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(csv))
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3", polling=100)
            wait_for_app(page)
            elapsed = time.perf_counter() - started
            shown = page.evaluate("""() => document.querySelector('.js-plotly-plot')._fullLayout.annotations
                .map(note => note.text).filter(text => text.startsWith('Showing')).join(' ')""")
            print(f"rows                {args.rows:,}")
            print(f"file size           {csv.stat().st_size / 2**20:.1f} MB")
            print(f"upload to charts    {elapsed:.1f} s")
            print(f"server RSS before   {before / 1024:.0f} MB")
            print(f"server peak RSS     {memory_kb(server.pid, 'VmHWM') / 1024:.0f} MB")
            print(f"chart says          {shown!r}")


if __name__ == "__main__":
    main()
