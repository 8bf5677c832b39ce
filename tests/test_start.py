"""deploy/start.py imports every module of core before Streamlit starts, and none of Streamlit's runtime."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import sys
sys.path.insert(0, "deploy")
import start
names = start.import_core()
print(len(names), "core.models.ridge" in sys.modules, "sklearn" in sys.modules, "streamlit" in sys.modules)
"""


def test_start_imports_core_and_not_streamlit():
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True)
    count, ridge, sklearn, streamlit = out.stdout.split()
    assert int(count) > 30 and ridge == sklearn == "True"
    assert streamlit == "False", "core imported Streamlit: start.py would touch its runtime before it exists"
