"""Start one app server with the app's maths already imported: ``streamlit run`` with a warm module cache.

    .venv/bin/python deploy/start.py run app.py [streamlit options]     # from the project's root, as make run

The app's ``core`` is imported from the working directory, where ``app.py`` is (a benchmark may start
another checkout's app with this script).

``streamlit run app.py`` imports the app's modules on the first script run, so the first reader after a
start waits for scikit-learn, SciPy, pandas and plotly (1.5–3 s on a loaded 2-core box; BENCHMARKS.md,
the network page's cold visit). This process imports every module of ``core`` first (``core`` never
imports Streamlit, so nothing of Streamlit's runtime is touched before it exists), then hands its
arguments to Streamlit's own command line. Python keeps imported modules for the process, so the first
run finds them. ``make run``, ``deploy/serve.py`` and the container start the app this way.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def import_core():
    """Import ``core`` and every module under it; return their names."""
    sys.path.insert(0, str(Path.cwd()))
    import core

    names = [module.name for module in pkgutil.walk_packages(core.__path__, "core.")]
    for name in names:
        importlib.import_module(name)
    return ["core", *names]


def main():
    import_core()
    from streamlit.web import cli

    sys.argv[0] = "streamlit"
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
