"""Jinja environments that turn report data into Markdown or HTML.

Both environments use ``StrictUndefined``, so a misspelt name in a template is an error, not a
blank. HTML autoescapes every value; Markdown passes every value through
:func:`appraisal.text.md`, so user text (option names, rationales) can never become markup in
either format, whatever HTML, Markdown or Jinja syntax it holds: Jinja renders data, it never
re-reads it as a template. Templates a user supplies, through ``--template FILE`` or an
appraisal folder's own ``templates/`` (docs/report.md), run in Jinja's immutable sandbox.

The bundled templates live in the repository's top-level ``templates/``, shipped in the wheel
as the package ``appraisal.templates`` and read with :mod:`importlib.resources`.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from appraisal.errors import InputError, Problem
from appraisal.load.source import outside
from appraisal.text import md, plural

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

FORMATS = ("markdown", "html")
MAIN_TEMPLATE = {"markdown": "appendix.md.j2", "html": "appendix.html.j2"}
USER_MAIN = "--template"
"""The name the ``--template`` file goes by inside the loader; no bundled file has it."""
MAX_TEMPLATE_BYTES = 1_000_000


class MarkdownText(str):
    """Markdown that is already safe: the Markdown environment prints it unescaped."""


def templates_root() -> Traversable:
    """The bundled templates: the package ``appraisal.templates``.

    From a source checkout that was not installed (``python -m pytest`` puts the checkout's
    ``appraisal/`` first on ``sys.path``, where ``templates/`` is not a subpackage), fall back
    to the ``templates/`` folder beside ``appraisal/``.
    """
    try:
        return importlib.resources.files("appraisal.templates")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "templates"  # appraisal/render/jinja.py


def bundled_source(name: str) -> str | None:
    """The text of a bundled template, or None when there is no such file."""
    from jinja2.exceptions import TemplateNotFound
    from jinja2.loaders import split_template_path

    try:
        node = templates_root().joinpath(*split_template_path(name))
    except TemplateNotFound:  # a name with '..' in it
        return None
    return node.read_text(encoding="utf-8") if node.is_file() else None


@dataclass(frozen=True)
class UserTemplates:
    """Templates that did not come with appraise: name -> (text, file name to show)."""

    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.files)

    def with_main(self, path: Path) -> UserTemplates:
        """These templates plus the ``--template`` file as the one to render."""
        return UserTemplates({**self.files, USER_MAIN: (_read_template(path, str(path)), str(path))})

    @property
    def displays(self) -> dict[str, str]:
        """The file names of these templates (as shown in messages) by template name."""
        return {name: shown for name, (_, shown) in self.files.items()}


def _read_template(path: Path, shown: str) -> str:
    try:
        with path.open("rb") as handle:  # no more than the limit: --template /dev/zero never ends
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(shown, 1, 1, f"cannot read the template: {exc.strerror or exc}")]) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise InputError([Problem(shown, 1, 1, f"the template is over {MAX_TEMPLATE_BYTES:,} bytes, the limit")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(shown, 1, 1, "the template is not UTF-8 text: save it as UTF-8")]) from None


def folder_templates(folder: Path, shown: Path) -> UserTemplates:
    """An appraisal folder's ``templates/`` files (``*.j2``) that differ from the bundled ones.

    A file identical to the bundled file of the same name changes nothing, so it is left out
    (the repository's own top level is an appraisal folder whose ``templates/`` *are* the
    bundled ones). ``shown`` is the folder as the user named it, for messages.
    """
    root = folder / "templates"
    if not root.is_dir():
        return UserTemplates()
    files: dict[str, tuple[str, str]] = {}
    for path in sorted(root.rglob("*.j2")):
        relative = path.relative_to(root)
        if not path.is_file() or any(p.startswith((".", "__")) for p in relative.parts):
            continue
        name = relative.as_posix()
        why = outside(path, folder)  # a link to /etc/passwd would put that file into the report
        if why:
            raise InputError([Problem(str(shown / "templates" / relative), 1, 1, why)])
        text = _read_template(path, str(shown / "templates" / relative))
        if text != bundled_source(name):
            files[name] = (text, str(shown / "templates" / relative))
    return UserTemplates(files)


def _fence(text: str, info: str = "") -> MarkdownText:
    """A fenced code block whose fence is longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return MarkdownText(f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}")


def _css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, for ``content:`` in the print stylesheet: every character
    but letters, digits and spaces as a CSS escape, so no text can end the string or the style
    element (HTML's autoescape does not apply inside ``<style>``)."""
    from markupsafe import Markup

    body = "".join(ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):x} " for ch in str(text))
    return Markup(f'"{body}"')


def _md_finalize(value: Any) -> str:
    return value if isinstance(value, MarkdownText) else md(value)


def environment(fmt: str, user: UserTemplates | None = None) -> jinja2.Environment:
    """The Jinja environment for ``fmt``; sandboxed when any user template is in play."""
    import jinja2

    user = user or UserTemplates()

    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        if name in user.files:
            text, shown = user.files[name]
            return text, shown, lambda: True
        bundled = bundled_source(name)
        return None if bundled is None else (bundled, f"<appraise>/templates/{name}", lambda: True)

    options: dict[str, Any] = {
        "loader": jinja2.FunctionLoader(load),
        "undefined": jinja2.StrictUndefined,
        "autoescape": fmt == "html",
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if fmt == "markdown":
        options["finalize"] = _md_finalize
    env = _sandbox(options) if user else jinja2.Environment(**options)
    env.filters["fence"] = _fence
    env.filters["plural"] = plural
    env.filters["css_string"] = _css_string
    return env


def _sandbox(options: dict[str, Any]) -> jinja2.Environment:
    """Jinja's immutable sandbox, with every operation that can build much text or a long list
    checked first (:mod:`appraisal.render.template_limits`)."""
    from jinja2.compiler import CodeGenerator, Frame
    from jinja2.nodes import Concat
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter

    from appraisal.render import template_limits as limits

    class Generator(CodeGenerator):
        def visit_Concat(self, node: Concat, frame: Frame) -> None:
            """``a ~ b``, as Jinja writes it, with the parts counted before they are joined."""
            if frame.eval_ctx.volatile:
                join = "(markup_join if context.eval_ctx.volatile else str_join)"
            else:
                join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
            self.write(f"{join}(environment.concat_parts((")
            for part in node.nodes:
                self.visit(part, frame)
                self.write(", ")
            self.write(")))")

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        code_generator_class = Generator

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return limits.binop(operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            args = limits.call(__obj, args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
            wrapped = super().wrap_str_format(value)
            if wrapped is None:
                return None
            template, is_map = value.__self__, value.__name__ == "format_map"

            def bounded(*args: Any, **kwargs: Any) -> str:
                positional, named = ((), args[0]) if is_map and len(args) == 1 else (args, kwargs)
                formatter = SandboxedFormatter(self)
                limits.refuse_over(limits.format_size(
                    template, positional, named, lambda name: formatter.get_field(name, positional, named)[0]))
                return wrapped(*args, **kwargs)

            return bounded

        def concat_parts(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
            return limits.concat(parts)

    env = Sandbox(**options)
    env.filters = limits.bounded_filters(env.filters)
    return env


def render(context: Mapping[str, Any], fmt: str, user: UserTemplates | None = None) -> str:
    """Render the report in ``fmt`` (markdown or html), with the user's templates if any.

    A mistake in a user's template is bad input: it is raised as an :class:`InputError` that
    names the template file and line. A mistake in a bundled template is a bug and propagates.
    """
    user = user or UserTemplates()
    name = USER_MAIN if USER_MAIN in user.files else MAIN_TEMPLATE[fmt]
    return _render(name, context, fmt, user)


def render_section(context: Mapping[str, Any], section: Mapping[str, Any], user: UserTemplates | None = None) -> str:
    """One section of the report (an item of ``context["sections"]``) in Markdown, as the
    appendix template renders it: its partial, with the section's data as ``data``."""
    return _render(f"partials/{section['id']}.md.j2", {**context, "data": section["data"]}, "markdown",
                   user or UserTemplates())


MAX_OUTPUT = 50_000_000
"""The most text a user's template may write in all (each step is bounded by template_limits;
a loop of many steps could still build more than memory holds)."""


def _bounded(chunks: Iterable[str]) -> str:
    """The text ``chunks`` make, refused past :data:`MAX_OUTPUT` characters as the template runs."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise ValueError(f"the template writes more than {MAX_OUTPUT:,} characters; a report is far smaller")
        parts.append(chunk)
    return "".join(parts)


def _render(name: str, context: Mapping[str, Any], fmt: str, user: UserTemplates) -> str:
    import jinja2

    env = environment(fmt, user)
    try:
        template = env.get_template(name)
        if not user:
            return template.render(context)
        return _bounded(template.generate(context))
    except jinja2.TemplateSyntaxError as exc:
        if not user:
            raise
        raise InputError([Problem(exc.filename or "template", exc.lineno or 1, 1,
                                  f"template syntax error: {exc.message}")]) from None
    except InputError:
        raise
    except Exception as exc:  # anything a user's template makes Jinja or Python raise is the template's fault:
        # cycler() with nothing to cycle is a RuntimeError, a loop can build more than memory holds
        if not user:
            raise
        shown, line = _where(exc.__traceback__, set(user.displays.values()))
        message = getattr(exc, "message", None) or str(exc) or (
            "it needs more memory than there is" if isinstance(exc, MemoryError) else type(exc).__name__)
        raise InputError([Problem(shown or user.displays.get(name, name), line, 1,
                                  f"template error: {message}")]) from None


def _where(tb: TracebackType | None, files: set[str]) -> tuple[str | None, int]:
    """The last frame of a traceback that runs in one of ``files`` (Jinja rewrites template
    frames to carry the template's file name and line)."""
    found: tuple[str | None, int] = (None, 1)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
