"""The one list of pages: app.py builds the navigation from it, and the tests open every page from it.

Two tracks, in the navigation's order: **the story** for a business reader (Home first, one idea a
page) and **go deeper** for students and analysts. A page's ``path`` is part of the product (people
share links), so a page keeps it when it moves between tracks. Plain data: no streamlit here.
"""

from dataclasses import dataclass

STORY = "The story"
DEEPER = "Go deeper"
SECTIONS = (STORY, DEEPER)


@dataclass(frozen=True)
class Page:
    """One page: its link path ("/" or "/curves"), its script, its title and icon, and its track."""

    path: str
    file: str
    title: str
    icon: str
    section: str

    @property
    def url_path(self) -> str:
        """The path without its slash, as ``st.Page`` takes it ("" for Home)."""
        return self.path.strip("/")

    @property
    def is_home(self) -> bool:
        return self.path == "/"


PAGES = (
    Page("/", "pages/home.py", "Home", ":material/home:", STORY),
    Page("/curves", "pages/curves.py", "The sweet spot", ":material/show_chart:", STORY),
    Page("/signals", "pages/signals.py", "Many signals", ":material/stacked_bar_chart:", STORY),
    Page("/feedback", "pages/feedback.py", "Sorting feedback", ":material/reviews:", STORY),
    Page("/your-data", "pages/your-data.py", "Your data", ":material/upload_file:", STORY),
    Page("/playground", "pages/playground.py", "Playground", ":material/tune:", DEEPER),
    Page("/weights", "pages/weights.py", "Weights", ":material/bar_chart:", DEEPER),
    Page("/why", "pages/why.py", "Why it works", ":material/lightbulb:", DEEPER),
    Page("/network", "pages/network.py", "In a neural network", ":material/hub:", DEEPER),
    Page("/faq", "pages/faq.py", "Questions", ":material/help:", DEEPER),
)
BY_PATH = {page.path: page for page in PAGES}
BY_FILE = {page.file: page for page in PAGES}
BY_URL_PATH = {page.url_path: page for page in PAGES}


def in_section(section: str) -> tuple[Page, ...]:
    """The pages of one track, in the navigation's order."""
    return tuple(page for page in PAGES if page.section == section)
