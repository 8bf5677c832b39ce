"""Guard for the one private Streamlit attribute the app uses: ``PagesManager.uses_pages_directory``.

``ui.state.start_page`` reads and clears it. While a folder named ``pages/`` sits beside app.py,
Streamlit (1.67) sets this class attribute when a server's first session starts, and while it is
set the script runner runs the requested page file on its own with a menu built from that folder
(the old multipage apps), skipping app.py's ``st.navigation``; only a call of ``st.navigation``
clears it. A shared link to a page other than "/" as a fresh server's first request would show
the wrong menu, so ``start_page`` clears the flag and reruns (the browser test
``test_a_shared_link_to_a_page_works_on_a_fresh_server`` checks the result).

These tests fail, with the reason, when a Streamlit upgrade removes the attribute or changes
what it means. Renaming the page folder (anything but ``pages/``) removes the need for the flag,
the workaround and this file: see docs/architecture.md.
"""

import inspect

import pytest
from streamlit.commands import navigation
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

WHY = "ui/state.py start_page() relies on it to skip Streamlit's folder-based pages on a fresh server's first run"


def test_the_attribute_exists_on_the_class():
    assert "uses_pages_directory" in vars(PagesManager), (
        f"streamlit's PagesManager.uses_pages_directory is gone; {WHY}. Check whether a fresh server still "
        "runs a shared page link without app.py, and change start_page()"
    )


@pytest.mark.parametrize("with_pages_folder", [False, True])
def test_it_is_set_from_a_pages_folder_beside_the_main_script(tmp_path, monkeypatch, with_pages_folder):
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    (tmp_path / "app.py").write_text("")
    if with_pages_folder:
        (tmp_path / "pages").mkdir()
    PagesManager(str(tmp_path / "app.py"))
    assert PagesManager.uses_pages_directory is with_pages_folder, (
        f"PagesManager.uses_pages_directory no longer means 'a pages/ folder sits beside the main script'; {WHY}"
    )


def test_while_set_the_script_runner_runs_the_old_multipage_app():
    source = inspect.getsource(script_runner)
    assert "if PagesManager.uses_pages_directory:" in source and "_mpa_v1(" in source, (
        f"Streamlit's script runner no longer switches to the old multipage app on this flag; {WHY}: "
        "setting it to False may no longer be needed (or enough)"
    )


def test_st_navigation_clears_it():
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(navigation.navigation), (
        f"st.navigation no longer clears PagesManager.uses_pages_directory; {WHY}"
    )
