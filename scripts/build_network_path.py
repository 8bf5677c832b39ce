"""Build core/network/network_path.npz: the "In a neural network" page's networks for every step of the λ control.

    .venv/bin/python scripts/build_network_path.py            # writes the file that ships with the app
    .venv/bin/python scripts/build_network_path.py OUT.npz    # writes elsewhere (tests compare it with the shipped one)

Run it after changing the customers, the network's settings (``core.network.fit.SETTINGS``) or the λ
control's steps: the page then reads the file instead of training 252 networks (about 5 s of one core)
on a cold server. tests/test_network.py checks that this script reproduces the shipped file.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import core
from core.models.grid import SLIDER_LAMS
from core.network import fit


def main(out=fit.PATH_FILE):
    core.limit_blas_threads()
    start = time.perf_counter()
    path = fit.build_path(SLIDER_LAMS)
    fit.save_path(path, out)
    print(f"{out}: {Path(out).stat().st_size / 1024:.0f} KiB, built in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(*sys.argv[1:2])
