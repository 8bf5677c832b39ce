"""One simulated reader: a browser tab that speaks Streamlit's own protocol (streamlit 1.67).

What it sends is what Chromium sends for the same action (captured with Playwright, and checked by
tests/browser/test_reader_protocol.py on every run of the browser tests):

- HTTP first: the page (``GET /curves``: where a load balancer sets its sticky cookie), then
  ``/_stcore/health`` (which sets the ``_streamlit_xsrf`` cookie) and ``/_stcore/host-config``;
- a websocket to ``/_stcore/stream`` with the cookies, an ``Origin`` header and the subprotocols
  ``streamlit, <xsrf token>``; every message is one binary protobuf, ``BackMsg`` up and ``ForwardMsg``
  down, from the installed streamlit's own classes;
- the first ``BackMsg`` is ``rerun_script`` with ``page_name`` (the URL path) and ``context_info``;
- a λ release is ``rerun_script`` with the query string of the last ``page_info_changed``, the
  ``page_script_hash`` of the page being shown, the states of the widgets on the page (as the browser
  reports them: slider values, the select box's option, ...), the component's trigger
  ``$$STREAMLIT_INTERNAL_KEY_<element id>__events`` = ``[{"event":"release","value":STEP}]``, and
  ``cached_message_hashes``: the large messages it keeps (the server then sends only a ``ref_hash``
  for an unchanged one). The cache ages entries as the browser does (``max_cached_message_age`` runs).

Loopback only: a ``Tab`` refuses any other host. No Streamlit internals are imported besides the
protobuf classes.
"""

import asyncio
import http.cookiejar
import ipaddress
import json
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

CONTEXT_INFO = dict(
    timezone="UTC", timezone_offset=0, locale="en-US", is_embedded=False, color_scheme="light"
)  # what headless Chromium reports here
EVENTS_PREFIX = "$$STREAMLIT_INTERNAL_KEY_"
EVENTS_SUFFIX = "__events"
FINISHED = ForwardMsg.ScriptFinishedStatus
_DONE = {
    FINISHED.FINISHED_SUCCESSFULLY,
    FINISHED.FINISHED_WITH_COMPILE_ERROR,
    FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
_WIDGET_KINDS = {"slider", "selectbox", "radio", "multiselect", "checkbox", "text_area", "text_input", "file_uploader"}


def check_loopback(url):
    """Raise ValueError unless ``url``'s host is this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise ValueError(f"{url}: simulated readers only go to this machine (127.0.0.1, ::1 or localhost), not {host!r}")


@dataclass
class RunResult:
    """What one script run sent to the tab: seconds from the request to ``script_finished``, bytes, elements."""

    status: int = 0
    seconds: float = 0.0
    bytes: int = 0
    messages: int = 0
    ref_hashes: int = 0
    #: (delta path, kind) of every delta in the run, in order; kind is the element type, "add_block", ...
    deltas: list = field(default_factory=list)
    #: message text of every exception element
    exceptions: list = field(default_factory=list)
    #: (format, body) of every st.info / st.warning / st.error
    alerts: list = field(default_factory=list)
    #: fragment ids of the run (empty: the whole page)
    fragment_ids: list = field(default_factory=list)


class RunTimeout(Exception):
    """No ``script_finished`` within the time allowed."""


def _delta_kind(delta):
    kind = delta.WhichOneof("type")
    if kind == "new_element":
        return delta.new_element.WhichOneof("type")
    return kind


def widget_value(kind, element):
    """The WidgetState fields the browser reports for a freshly drawn widget (``None``: reports nothing)."""
    if kind == "slider":
        values = list(element.value if element.set_value else element.default)
        if element.options:
            return {"string_array_value": [element.options[int(v)] for v in values]}
        return {"double_array_value": values}
    if kind in ("selectbox", "radio"):
        if element.set_value or element.raw_value:
            return {"string_value": element.raw_value}
        if element.HasField("default") and element.options:
            return {"string_value": element.options[element.default]}
        return None
    if kind == "multiselect":
        values = list(element.raw_values) if element.set_value else [element.options[i] for i in element.default]
        return {"string_array_value": values}
    if kind == "checkbox":
        return {"bool_value": element.value if element.set_value else element.default}
    if kind in ("text_area", "text_input"):
        if element.set_value:
            return {"string_value": element.value}
        return {"string_value": element.default} if element.HasField("default") else None
    if kind == "file_uploader":
        return {"file_uploader_state_value": None}  # no file chosen: an empty state, as Chromium sends
    return None


class Tab:
    """A reader's browser tab on ``base_url`` + ``path``. Use ``await open()``, then ``release(step)``."""

    def __init__(self, base_url, path="/", timeout=60.0):
        check_loopback(base_url)
        self.base_url = base_url.rstrip("/")
        self.path = "/" + path.lstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.ws = None
        self.query_string = ""
        self.page_script_hash = ""
        self.session_id = ""
        #: delta path -> (kind, element proto, fragment id, message hash) of what the page shows
        self.elements = {}
        self._run_elements = {}
        self._cache = {}  # hash -> [bytes, last run count, fragment id]
        self._run_count = 0
        self._max_age = 2
        self._got_new_session = False
        self._run = None
        self._pending = None
        self._receiver = None
        self.closed = asyncio.Event()
        self.close_reason = None
        self.sent = []  # every BackMsg, as sent

    # --- HTTP and the websocket ---

    def _get(self, path):
        with self._opener.open(self.base_url + path, timeout=self.timeout) as response:
            response.read()
            return response.status

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)

    def _cookie_header(self):
        request = urllib.request.Request(self.base_url + "/_stcore/stream")
        self.cookies.add_cookie_header(request)
        return request.get_header("Cookie")

    async def open(self, page_load=True):
        """Load the page as Chromium does, connect, and wait for the first run to finish."""
        if page_load:
            await asyncio.to_thread(self._get, self.path)
        await asyncio.to_thread(self._get, "/_stcore/health")
        await asyncio.to_thread(self._get, "/_stcore/host-config")
        xsrf = self.cookie("_streamlit_xsrf") or "PLACEHOLDER_AUTH_TOKEN"
        headers = {"Cookie": self._cookie_header()} if self._cookie_header() else {}
        self.ws = await connect(
            self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", xsrf],
            origin=self.base_url,
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )
        self._receiver = asyncio.create_task(self._receive())
        return await self.rerun(first=True)

    async def close(self):
        if self.ws is not None:
            await self.ws.close()
        if self._receiver is not None:
            await asyncio.gather(self._receiver, return_exceptions=True)

    # --- what the tab sends ---

    def widget_states(self, triggers=None):
        """The page's widget states as the browser sends them, plus ``triggers`` {id: json text}."""
        states = []
        for kind, element, _, _ in self.elements.values():
            if kind in _WIDGET_KINDS:
                value = widget_value(kind, getattr(element, kind))
                if value is not None:
                    states.append({"id": getattr(element, kind).id, **value})
        for widget_id, payload in (triggers or {}).items():
            states.append({"id": widget_id, "json_trigger_value": payload})
        return states

    def events_id(self, key):
        """The trigger id of the component whose key is ``key`` (None if the page does not show it)."""
        for kind, element, _, _ in self.elements.values():
            if kind == "bidi_component" and element.bidi_component.id.endswith("-" + key):
                return EVENTS_PREFIX + element.bidi_component.id + EVENTS_SUFFIX
        return None

    def rerun_message(self, triggers=None, first=False):
        message = BackMsg()
        rerun = message.rerun_script
        rerun.widget_states.SetInParent()
        if first:
            rerun.page_name = self.path.strip("/")
        else:
            rerun.query_string = self.query_string
            rerun.page_script_hash = self.page_script_hash
            for state in self.widget_states(triggers):
                widget = rerun.widget_states.widgets.add(id=state["id"])
                for name, value in state.items():
                    if name == "id":
                        continue
                    if name.endswith("_array_value"):
                        getattr(widget, name).data.extend(value)
                    elif name == "file_uploader_state_value":
                        widget.file_uploader_state_value.SetInParent()
                    else:
                        setattr(widget, name, value)
            rerun.cached_message_hashes.extend(self._cache)
        rerun.context_info.MergeFrom(
            type(rerun.context_info)(url=self.base_url + self.path, **CONTEXT_INFO)  # type: ignore[arg-type]
        )
        return message

    def release_message(self, step, key="lam_control", event="release", widget_id=None):
        """The BackMsg of a release of control ``key`` at ``step`` (``widget_id``: send it to another id)."""
        target = widget_id or self.events_id(key)
        if target is None:
            raise LookupError(f"the page shows no control {key!r}")
        payload = (
            step if isinstance(step, str) else json.dumps([{"event": event, "value": step}], separators=(",", ":"))
        )
        message = self.rerun_message({target: payload})
        # A control drawn inside a fragment reruns only that fragment, as in the browser.
        message.rerun_script.fragment_id = self.fragment_of(target)
        return message

    def fragment_of(self, widget_id):
        """The fragment id of the element whose trigger is ``widget_id`` ("" if it is not in a fragment)."""
        for kind, element, fragment, _ in self.elements.values():
            if kind == "bidi_component" and widget_id == EVENTS_PREFIX + element.bidi_component.id + EVENTS_SUFFIX:
                return fragment
        return ""

    async def send(self, message):
        """Send a BackMsg that starts a script run; return its RunResult when the run is over."""
        if self.closed.is_set():
            raise ConnectionError(f"the tab's connection is closed ({self.close_reason})")
        loop = asyncio.get_running_loop()
        self._pending = loop.create_future()
        # A reply given up on (timeout) may still fail later, when the connection closes: nobody awaits it then.
        self._pending.add_done_callback(lambda future: future.cancelled() or future.exception())
        self._run = RunResult()
        self._run_started = time.perf_counter()
        self._got_new_session = False
        self.sent.append(message)
        await self.ws.send(message.SerializeToString())
        try:
            return await asyncio.wait_for(asyncio.shield(self._pending), self.timeout)
        except TimeoutError as error:
            raise RunTimeout(f"no reply within {self.timeout} s") from error

    async def rerun(self, triggers=None, first=False):
        return await self.send(self.rerun_message(triggers, first=first))

    async def release(self, step, key="lam_control"):
        return await self.send(self.release_message(step, key))

    # --- what the tab receives ---

    async def _receive(self):
        try:
            async for data in self.ws:
                self._handle(data)
        except Exception as error:  # the connection broke: the pending run fails below
            self.close_reason = repr(error)
        finally:
            self.close_reason = self.close_reason or f"closed ({self.ws.close_code})"
            self.closed.set()
            if self._pending is not None and not self._pending.done():
                self._pending.set_exception(ConnectionError(f"the connection closed: {self.close_reason}"))

    def _from_cache(self, message):
        entry = self._cache.get(message.ref_hash)
        if entry is None:
            raise RuntimeError(
                f"cached ForwardMsg miss {message.ref_hash}: the tab did not keep what the server refers to"
            )
        entry[1] = self._run_count
        cached = ForwardMsg()
        cached.ParseFromString(entry[0])
        cached.metadata.CopyFrom(message.metadata)
        return cached

    def _handle(self, data):
        message = ForwardMsg()
        message.ParseFromString(data)
        run = self._run if self._run is not None else RunResult()
        run.bytes += len(data)
        run.messages += 1
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            run.ref_hashes += 1
            message = self._from_cache(message)
            kind = message.WhichOneof("type")
        elif message.metadata.cacheable and message.hash not in self._cache:
            fragment = message.delta.fragment_id if kind == "delta" else ""
            self._cache[message.hash] = [data, self._run_count, fragment]
        if kind == "new_session":
            self._got_new_session = True
            self.session_id = message.new_session.initialize.session_id or self.session_id
            self._max_age = message.new_session.config.max_cached_message_age or self._max_age
            self._run_elements = {}
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash or message.metadata.active_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta":
            self._delta(message, run)
        elif kind == "script_finished":
            run.fragment_ids = list(message.metadata.run.fragment_ids)
            self._finished(message.script_finished, run)

    def _delta(self, message, run):
        path = tuple(message.metadata.delta_path)
        delta = message.delta
        element_kind = _delta_kind(delta)
        run.deltas.append((path, element_kind))
        if delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            self._run_elements[path] = (element_kind, element, delta.fragment_id, message.hash)
            if element_kind == "exception":
                run.exceptions.append(element.exception.message)
            elif element_kind == "alert":
                run.alerts.append((element.alert.format, element.alert.body))

    def _finished(self, status, run):
        if status == FINISHED.FINISHED_EARLY_FOR_RERUN:
            return  # another run follows (st.rerun, or a newer request)
        if self._got_new_session:
            self._age_cache(run.fragment_ids)
        if run.fragment_ids:
            stale = [
                p for p, (_, _, f, _) in self.elements.items() if f in run.fragment_ids and p not in self._run_elements
            ]
            for path in stale:
                del self.elements[path]
            self.elements.update(self._run_elements)
        else:
            self.elements = dict(self._run_elements)
        run.status = status
        run.seconds = time.perf_counter() - self._run_started
        if self._pending is not None and not self._pending.done():
            self._pending.set_result(run)

    def _age_cache(self, fragment_ids):
        self._run_count += 1
        for key, (_, last, fragment) in list(self._cache.items()):
            if fragment_ids and (not fragment or fragment not in fragment_ids):
                continue
            if self._run_count - last > self._max_age:
                del self._cache[key]
