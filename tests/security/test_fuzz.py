"""No 5xx on any input: every URL pattern, every GET parameter the views read and every staff
form field, tried with hostile values as anonymous and as staff.

Targets are discovered, not listed: path parameters from the URL patterns' converters, GET
parameters by recording which keys each view reads from ``request.GET``, and form fields by
parsing the forms the staff pages render. Hypothesis sends every explicit ``@example`` value
(NUL, lone surrogates, ``²``, huge and negative numbers, 10,000 characters, wrong types) and
a bounded number of generated values to every target of a category, derandomized so CI
runs are reproducible. NUL only fails on PostgreSQL (it refuses NUL in text); run this file
with ``DATABASE_URL=postgres://…`` too, as CI does.

Each category prints how many requests it sent and how many answered 5xx.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.handlers.wsgi import WSGIRequest
from django.forms import BaseForm, BaseFormSet
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.security.world import ACTION_NAMES, World, add_files, build_world, named_patterns

# Values every target gets. Strings are sent as UTF-8 with surrogates passed through, so a
# lone surrogate arrives as the invalid bytes a hostile client would send.
HOSTILE = [
    "\x00",
    "\ud800",
    "²",
    "٣",  # Arabic-Indic digit three: isdigit() and int() both accept it
    "-1",
    "99999999999999999999999999",
    str(2**63),
    "1e309",
    "x" * 10_000,
    "2024-13-45",
]
# Wrong types: the same key twice (a list) and an "object" in PHP/Rails bracket style.
REPEATED = "repeat"
# These go to each parameter and field on its own, with the others left valid, so a
# failure in one cannot hide behind another's error. Every other value goes to all the
# parameters of a page (or all the fields of a form) in one request, which keeps the run
# well under a minute.
ONE_AT_A_TIME = {"²", "99999999999999999999999999", REPEATED}

EXAMPLES = 4  # generated values per category on top of the explicit ones


def hostile_values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.integers().map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def fuzz_settings(fn: Any) -> Any:
    return settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        # Shrinking re-sends whole sweeps; the failing request is already in the message.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(fn)


def with_hostile_examples(fn: Any) -> Any:
    for value in reversed([*HOSTILE, REPEATED]):
        fn = example(value=value)(fn)
    return fn


def encode(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


# --- tallies for the closing note ---------------------------------------------------------


@dataclass
class Tally:
    sent: Counter[str] = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def record(self, category: str, label: str, response: Any) -> None:
        self.sent[category] += 1
        if response.status_code >= 500:
            self.errors.setdefault(category, []).append(f"{response.status_code} {label}")

    def new_errors(self, category: str, before: int) -> list[str]:
        # Distinct failing requests of this example, short enough to read.
        return sorted({error[:200] for error in self.errors.get(category, [])[before:]})[:30]

    def report(self, capsys: Any, category: str) -> None:
        errors = self.errors.get(category, [])
        with capsys.disabled():
            print(f"\nfuzz {category}: {self.sent[category]} requests, {len(errors)} 5xx")


def _check(response: Any, label: str, tally: Tally, category: str) -> None:
    tally.record(category, label, response)


# --- the world and its clients ------------------------------------------------------------


@pytest.fixture(scope="module")
def _fuzz_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-media")


@pytest.fixture(autouse=True)
def _media_root(settings: Any, _fuzz_media: Path) -> None:
    # The module's world is built once, with its photos and attachments stored here, and
    # every test reads them from here (the suite's own fixture gives each test a new folder).
    settings.MEDIA_ROOT = _fuzz_media


@pytest.fixture(scope="module")
def shared_records(module_db: Any, _fuzz_media: Path) -> World:
    # Built once for the module (it was built for each of the four tests that read it): each
    # test's writes, the staff posts that go through included, are rolled back before the
    # next test, so every sweep starts from this world as built.
    with module_db.unblock(), translation.override("en"), override_settings(MEDIA_ROOT=_fuzz_media):
        world = build_world("A")
        add_files(world)
    return world


@pytest.fixture
def fuzz_world(records: World) -> World:
    return records


def _clients(world: World) -> dict[str, Client]:
    staff = Client(raise_request_exception=False)
    staff.force_login(world.users["org_admin"])
    return {"anonymous": Client(raise_request_exception=False), "staff": staff}


SENTINEL_INT = 987654321
SENTINEL_TEXT = "zzsentinelzz"


def _sentinel(converter: Any) -> Any:
    return SENTINEL_INT if type(converter).__name__ == "IntConverter" else SENTINEL_TEXT


def path_targets(world: World) -> list[tuple[str, str]]:
    """(name, URL with one path parameter replaced by {value}) for every parameter."""
    from tests.security.world import example_kwargs

    targets = []
    for name, pattern in named_patterns():
        converters = pattern.pattern.converters
        if not name or not converters:
            continue
        real = example_kwargs(name, world)
        for parameter, converter in converters.items():
            kwargs = {**real, parameter: _sentinel(converter)}
            with translation.override("en"):
                url = reverse(name, kwargs=kwargs)
            targets.append((f"{name}[{parameter}]", url.replace(str(kwargs[parameter]), "{value}")))
    return targets


def _page_names() -> list[str]:
    return sorted(
        {name for name, p in named_patterns() if name and not p.pattern.converters} - ACTION_NAMES
    )


def page_urls(world: World) -> list[tuple[str, str]]:
    from tests.security.world import example_kwargs

    urls = []
    for name in sorted({n for n, _p in named_patterns() if n} - ACTION_NAMES):
        with translation.override("en"):
            urls.append((name, reverse(name, kwargs=example_kwargs(name, world))))
    return urls


# --- GET parameters: recorded from what the views read ------------------------------------


class RecordingQueryDict(QueryDict):
    read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        RecordingQueryDict.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        RecordingQueryDict.read.add(key)
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> Any:
        RecordingQueryDict.read.add(key)
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        RecordingQueryDict.read.add(str(key))
        return super().__contains__(key)


def get_targets(world: World, clients: dict[str, Client]) -> list[tuple[str, str, str]]:
    """(client label, page URL, parameter) for every parameter each page reads."""

    def recorded_get(request: WSGIRequest) -> QueryDict:
        if "_fuzz_get" not in request.__dict__:
            raw = request.environ.get("QUERY_STRING", "")
            request.__dict__["_fuzz_get"] = RecordingQueryDict(raw, encoding=request._encoding)
        return request.__dict__["_fuzz_get"]

    original = WSGIRequest.__dict__["GET"]
    targets = []
    try:
        WSGIRequest.GET = property(recorded_get)  # type: ignore[assignment,method-assign]  # patched on purpose for the test and restored after
        for label, client in clients.items():
            for _name, url in page_urls(world):
                RecordingQueryDict.read = set()
                # A harmless parameter makes views that read only bound forms read them all.
                if (label == "staff") != ("/staff/" in url):
                    # Each page is fuzzed as the visitor it is for.
                    continue
                response = client.get(url + "?fuzz=1")
                if response.status_code >= 400:
                    continue
                for parameter in sorted(RecordingQueryDict.read - {"fuzz"}):
                    targets.append((label, url, parameter))
    finally:
        WSGIRequest.GET = original  # type: ignore[method-assign]  # patched on purpose for the test and restored after
    return targets


# --- staff forms: parsed from the rendered pages ------------------------------------------


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                {
                    "method": a.get("method", "get").lower(),
                    "action": a.get("action", ""),
                    "fields": {},
                    "files": set(),
                }
            )
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = a.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind == "file":
                self.forms[-1]["files"].add(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in a or name not in fields:
                    fields[name] = a.get("value", "on") if "checked" in a else fields.get(name, "")
            elif kind != "submit":
                fields[name] = a.get("value", "")
            else:
                fields.setdefault(name, a.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


@dataclass
class FormTarget:
    url: str
    fields: dict[str, str]
    field: str


# Fields a page renders only in some states (photos to remove appear once there are photos).
EXTRA_FIELDS = {"remove_photo"}


def form_targets(world: World, staff: Client) -> list[FormTarget]:
    targets = []
    seen: set[tuple[str, str]] = set()
    for name, url in page_urls(world):
        if not name.startswith("staff:") or name in ("staff:logout",):
            continue
        response = staff.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        parser = FormParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if form["method"] != "post":
                continue
            action = form["action"] or url
            if urlsplit(action).path.endswith("/logout/"):
                continue
            names = set(form["fields"]) | form["files"]
            if "/activities/" in action and action.endswith("/edit/"):
                names |= EXTRA_FIELDS
            for field_name in sorted(names):
                if (action, field_name) in seen:
                    continue
                seen.add((action, field_name))
                targets.append(FormTarget(action, dict(form["fields"]), field_name))
    return targets


def _body(fields: dict[str, str], fuzzed: list[str], value: str) -> str:
    """The form as rendered, with the ``fuzzed`` fields set to ``value``."""
    pairs = [(k, v) for k, v in fields.items() if k not in fuzzed]
    for name in fuzzed:
        if value == REPEATED:
            pairs += [(name, "1"), (name, "x"), (name + "[a]", "b")]
        else:
            pairs.append((name, value))
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs)


# --- the tests ----------------------------------------------------------------------------

TALLY = Tally()


@pytest.mark.django_db
@fuzz_settings
@with_hostile_examples
@given(value=hostile_values())
def test_path_parameters_never_answer_5xx(fuzz_world: World, capsys, value: str) -> None:
    clients = _clients(fuzz_world)
    before = len(TALLY.errors.get("path", []))
    segment = "%5B%5D" if value == REPEATED else encode(value)
    for target, template in path_targets(fuzz_world):
        # Staff URLs as staff (anonymous only reaches the login redirect), public ones
        # as the public.
        label = "staff" if target.startswith("staff:") else "anonymous"
        url = template.replace("{value}", segment)
        _check(clients[label].get(url), f"{label} GET {url[:120]}", TALLY, "path")
    assert TALLY.new_errors("path", before) == []


@pytest.mark.django_db
@fuzz_settings
@with_hostile_examples
@given(value=hostile_values())
def test_get_parameters_never_answer_5xx(fuzz_world: World, capsys, value: str) -> None:
    clients = _clients(fuzz_world)
    before = len(TALLY.errors.get("get", []))
    pages: dict[tuple[str, str], list[str]] = {}
    for label, url, parameter in _cached_get_targets(fuzz_world, clients):
        pages.setdefault((label, url), []).append(parameter)
    for (label, url), parameters in pages.items():
        groups = [[p] for p in parameters] if value in ONE_AT_A_TIME else [parameters]
        for group in groups:
            query = _query(group, value)
            response = clients[label].get(f"{url}?{query}")
            _check(response, f"{label} GET {url}?{query[:80]}", TALLY, "get")
    assert TALLY.new_errors("get", before) == []


def _query(parameters: list[str], value: str) -> str:
    if value == REPEATED:
        return "&".join(f"{p}=1&{p}=x&{p}%5Ba%5D=b" for p in parameters)
    return "&".join(f"{encode(p)}={encode(value)}" for p in parameters)


_GET_TARGETS: dict[int, list[tuple[str, str, str]]] = {}


def _cached_get_targets(world: World, clients: dict[str, Client]) -> list[tuple[str, str, str]]:
    # Discovery costs a request per page: do it once per world, not once per example.
    if world.org.pk not in _GET_TARGETS:
        _GET_TARGETS.clear()
        _GET_TARGETS[world.org.pk] = get_targets(world, clients)
    return _GET_TARGETS[world.org.pk]


_FORM_TARGETS: dict[int, list[FormTarget]] = {}


def _cached_form_targets(world: World, staff: Client) -> list[FormTarget]:
    # Discovery costs a request per staff page: once per world, as for the GET parameters.
    if world.org.pk not in _FORM_TARGETS:
        _FORM_TARGETS.clear()
        _FORM_TARGETS[world.org.pk] = form_targets(world, staff)
    return _FORM_TARGETS[world.org.pk]


# (form URL, field) pairs that got hostile values, and (URL, field, value) sent on their own.
EXERCISED: set[tuple[str, str]] = set()
ALONE: set[tuple[str, str, str]] = set()


@dataclass
class FormPost:
    """A staff POST and the forms and formsets its view cleaned while answering it."""

    response: Any
    cleaned: list[BaseForm | BaseFormSet]

    def rejected_fields(self) -> set[str]:
        """Prefixed names of the fields that carry an error of their own. A form-wide error
        (``__all__``) marks no field."""
        return {
            form.add_prefix(name)
            for form in self.cleaned
            if isinstance(form, BaseForm)
            for name in form.errors
            if name != NON_FIELD_ERRORS
        }

    def blocked_by_empty_required(self, fuzzed: list[str]) -> bool:
        """A required field outside ``fuzzed`` was sent empty, as the page rendered it (a
        create form's title, say). ``Field.clean`` refuses an empty required value before any
        other field or the form's ``clean()`` is looked at, so no post that leaves that field
        as rendered can go through, whatever the other fields hold."""
        for form in self.cleaned:
            if not isinstance(form, BaseForm):
                continue
            for name, errors in form.errors.as_data().items():
                if name == NON_FIELD_ERRORS or form.add_prefix(name) in fuzzed:
                    continue
                field = form.fields.get(name)
                if field is None or not field.required:
                    continue
                if form.data.get(form.add_prefix(name), "") in ("", None) and any(
                    error.code == "required" for error in errors
                ):
                    return True
        return False

    def went_through(self) -> bool:
        """The view cleaned at least one form and every one it cleaned was valid, so the
        values reached whatever the view does with valid data."""
        if self.response.status_code >= 400 or not self.cleaned:
            return False
        return not any(
            form.errors if isinstance(form, BaseForm) else form.non_form_errors()
            for form in self.cleaned
        )


def _post_form(
    staff: Client, url: str, fields: dict[str, str], fuzzed: list[str], value: str
) -> FormPost:
    cleaned: list[BaseForm | BaseFormSet] = []
    form_clean, formset_clean = BaseForm.full_clean, BaseFormSet.full_clean

    def recording_form_clean(form: BaseForm) -> None:
        form_clean(form)
        cleaned.append(form)

    def recording_formset_clean(formset: BaseFormSet) -> None:
        formset_clean(formset)
        cleaned.append(formset)

    # Recorded rather than read from the response: a view may redirect on an invalid form.
    BaseForm.full_clean = recording_form_clean  # type: ignore[method-assign]  # patched on purpose for the test and restored after
    BaseFormSet.full_clean = recording_formset_clean  # type: ignore[method-assign]  # patched on purpose for the test and restored after
    try:
        response = staff.post(
            url, _body(fields, fuzzed, value), content_type="application/x-www-form-urlencoded"
        )
    finally:
        BaseForm.full_clean = form_clean  # type: ignore[method-assign]  # patched on purpose for the test and restored after
        BaseFormSet.full_clean = formset_clean  # type: ignore[method-assign]  # patched on purpose for the test and restored after
    _check(response, f"staff POST {url} {fuzzed[:3]}", TALLY, "form")
    return FormPost(response, cleaned)


@pytest.mark.django_db
@fuzz_settings
@with_hostile_examples
@given(value=hostile_values())
def test_staff_form_fields_never_answer_5xx(fuzz_world: World, capsys, value: str) -> None:
    clients = _clients(fuzz_world)
    before = len(TALLY.errors.get("form", []))
    forms: dict[str, list[FormTarget]] = {}
    for target in _cached_form_targets(fuzz_world, clients["staff"]):
        forms.setdefault(target.url, []).append(target)
    for url, targets in forms.items():
        every_field = [t.field for t in targets]
        post = _post_form(clients["staff"], url, targets[0].fields, every_field, value)
        EXERCISED.update((url, name) for name in every_field)
        if value in ONE_AT_A_TIME:
            # No other field's error may hide what a field's value does once the form is
            # valid. A field whose own value the view's form refused above refuses it alone
            # too; the fields that took it are sent together with the refusing ones left
            # valid, and if the form still does not go through, one by one.
            rejected = post.rejected_fields()
            accepted = [name for name in every_field if name not in rejected]
            if accepted and rejected:
                post = _post_form(clients["staff"], url, targets[0].fields, accepted, value)
            # A field posted alone keeps every other field as rendered. When a required field
            # other than the fuzzed ones was rendered empty, the alone posts cannot go through
            # either (blocked_by_empty_required), and each field's own clean already took the
            # value in the posts above: sending them would repeat those posts, not reach the
            # view's handling of valid data. That was 2 in 7 of the sweep's requests.
            if not post.went_through() and not post.blocked_by_empty_required(accepted):
                for name in accepted:
                    _post_form(clients["staff"], url, targets[0].fields, [name], value)
                    ALONE.add((url, name, value))
        if value != HOSTILE[0]:
            continue
        # Logged out, a staff form is only a redirect to the login page; once per form.
        response = clients["anonymous"].post(
            url,
            _body(targets[0].fields, [targets[0].field], value),
            content_type="application/x-www-form-urlencoded",
        )
        _check(response, f"anonymous POST {url}", TALLY, "form")
    assert TALLY.new_errors("form", before) == []
    # Every field of every form got this value, alone or with the rest of its form.
    swept = _cached_form_targets(fuzz_world, clients["staff"])
    assert {(t.url, t.field) for t in swept} <= EXERCISED


def test_fuzz_summary(capsys) -> None:
    # Runs after the three sweeps (file order) and prints the counts for the closing note.
    for category in ("path", "get", "form"):
        TALLY.report(capsys, category)
    with capsys.disabled():
        print(f"fuzz form: {len(EXERCISED)} fields, {len(ALONE)} (field, value) pairs sent alone")
    assert sum(len(errors) for errors in TALLY.errors.values()) == 0


def test_the_sweeps_found_their_targets(fuzz_world: World) -> None:
    # The sweeps' own world and discovery (a second world cost a build and a discovery of
    # its own, the module's slowest setup): what the sweeps were sent to is what is checked.
    clients = _clients(fuzz_world)
    assert len(path_targets(fuzz_world)) >= 20
    targets = _cached_get_targets(fuzz_world, clients)
    parameters = {parameter for _label, _url, parameter in targets}
    assert {"q", "page", "project", "donor", "region", "country", "p"} <= parameters
    fields = {(t.url, t.field) for t in _cached_form_targets(fuzz_world, clients["staff"])}
    assert any(name == "remove_photo" for _url, name in fields)
    assert any(re.search(r"/activities/new/$", url) for url, _name in fields)
