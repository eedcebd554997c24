"""The files a page inlines: vis-network's JS and CSS as pyvis ships them, and the
explorer's own script, style sheet and template. Read once, lazily, and cached."""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from importlib import resources

from jinja2 import Environment, FunctionLoader, StrictUndefined, Template

#: The vis-network build pyvis 0.3.2 ships (and its own template uses).
VIS_DIR = ("lib", "vis-9.1.2")

_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


class AssetError(RuntimeError):
    """A bundled file is missing or cannot be inlined (a broken install, not user input)."""


def _read(package: str, *parts: str) -> str:
    try:
        return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as e:
        raise AssetError(f"missing bundled file {package}/{'/'.join(parts)}: {e}") from e


def inline_script(code: str) -> str:
    """`code` made safe between <script> and </script> (`</script` → `<\\/script`, which
    means the same in JavaScript strings, regular expressions and comments)."""
    return _SCRIPT_END.sub(r"<\\/\1", code)


def _inline_style(css: str, name: str) -> str:
    if "</style" in css.lower():
        raise AssetError(f"{name} contains '</style' and cannot be inlined")
    return css


@functools.cache
def vis_js() -> str:
    return inline_script(_read("pyvis", *VIS_DIR, "vis-network.min.js"))


@functools.cache
def vis_css() -> str:
    return _inline_style(_read("pyvis", *VIS_DIR, "vis-network.css"), "vis-network.css")


@functools.cache
def explorer_js() -> str:
    return inline_script(_read("visualize", "static", "explorer.js"))


@functools.cache
def explorer_css() -> str:
    return _inline_style(_read("visualize", "static", "explorer.css"), "explorer.css")


def csp_hash(code: str) -> str:
    """The Content-Security-Policy source (`'sha256-…'`) that allows this inline script."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


@functools.cache
def script_hashes() -> tuple[str, ...]:
    return (csp_hash(vis_js()), csp_hash(explorer_js()))


@functools.cache
def page_template() -> Template:
    env = Environment(loader=FunctionLoader(lambda name: _read("visualize", "templates", name)),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    return env.get_template("explorer.html")
