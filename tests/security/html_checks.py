"""Helpers that read rendered HTML the way a CSP-enforcing browser would."""

from __future__ import annotations

from html.parser import HTMLParser

# Script types a browser does not execute: JSON islands from the json_script filter are fine.
_DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}


class _InlineCodeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_inline_script = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> inline event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=…> inline style")
            if name in {"href", "src", "action", "formaction"} and value.strip().lower().replace(
                "\t", ""
            ).replace("\n", "").startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script":
            kind = values.get("type", "").lower()
            if "src" not in values and kind not in _DATA_SCRIPT_TYPES:
                self._in_inline_script = True
                self.problems.append("<script> without src")
        if tag == "style":
            self.problems.append("<style> block")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def inline_code_problems(html: str) -> list[str]:
    """Everything in a page that `script-src 'self'` / `style-src 'self'` would block."""
    finder = _InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def csp_problems(header: str | None) -> list[str]:
    if not header:
        return ["no Content-Security-Policy header"]
    directives = {
        part.strip().split(" ", 1)[0]: part.strip().split(" ")[1:]
        for part in header.split(";")
        if part.strip()
    }
    problems = []
    if directives.get("default-src") != ["'self'"]:
        problems.append(f"default-src is {directives.get('default-src')}")
    script_src = directives.get("script-src", directives.get("default-src", []))
    for bad in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
        if bad in script_src:
            problems.append(f"script-src allows {bad}")
    if "'unsafe-inline'" in directives.get("style-src", []):
        problems.append("style-src allows 'unsafe-inline'")
    if directives.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append("frame-ancestors is not 'none'")
    return problems
