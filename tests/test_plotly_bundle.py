"""The cartesian plotly.js bundle the live charts load first is the installed plotly package's version."""

from pathlib import Path

import plotly

from ui.live import PLOTLY_CARTESIAN_SOURCE, plotly_js_version


def test_the_cartesian_bundle_is_the_installed_plotly_js():
    """After a plotly upgrade, refresh components/stepper/vendor/ from npm's plotly.js-cartesian-dist-min of the
    version named here (the app serves the bundle only while the versions match; else it loads the whole library)."""
    installed = plotly_js_version(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    assert installed is not None
    assert plotly_js_version(PLOTLY_CARTESIAN_SOURCE) == installed
    assert (PLOTLY_CARTESIAN_SOURCE.parent / "plotly-cartesian.LICENSE").read_text().startswith("MIT License")
