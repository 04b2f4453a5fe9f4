"""The architecture, checked from the source: layers, rooms, no import circles.

Every ``.py`` under services/, gui/, cli/ and models/ is parsed (``ast``; nothing is imported, so a
broken module cannot hide its imports). An import counts wherever it is written: at module level or
inside a function (a function-level import that dodges a circle is still a circle); only imports under
``if TYPE_CHECKING:`` are left out, since they never run.

The rules:

- no import circle among the modules of services/, gui/, cli/ or models/;
- services/ never imports Qt, gui/ or cli/;
- models/ never imports gui/, cli/ or Qt; outside its migrations it never imports services/ either
  (revision 0004 reuses ``services.security.identity_masks``, a pure module, on purpose);
- gui/ and cli/ never import sqlalchemy, and from models/ only ``models.enums`` (the vocabularies);
  entities, sessions and engines stay behind the services;
- no private name (``_x``) crosses a module boundary inside services/, gui/ and cli/: neither
  ``from m import _x`` nor ``m._x`` on an imported module;
- no test module (``tests/**/test_*.py``) imports another one: what tests share lives in tests/helpers/
  or a conftest;
- services/ is the shared base (``BASE`` below) plus rooms: packages directly under services/, each with
  a docstring whose ``May use:`` line names the other rooms its modules import (exactly those), and an
  ``__all__``. gui/ and cli/ reach services only through the base and a room's
  ``__all__``: ``from services.<room> import <listed>``, or a listed submodule and anything public in
  it (``from services.casework.intake import ComplaintInput``), recursively for a listed subpackage.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("services", "gui", "cli", "models")
#: Modules at the top of services/ that every room may use; everything else lives in a room.
BASE = frozenset({"services.errors", "services.validation", "services.version"})
QT = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Imp:
    """One imported thing: ``module`` itself (``name`` None) or ``name`` from it."""
    importer: str
    module: str
    name: str | None
    line: int
    in_function: bool
    bound: str | None = None     # the local name a module import binds (``from services import x as y``: y)

    def where(self) -> str:
        return f"{self.importer}:{self.line}{' (in a function)' if self.in_function else ''}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _files() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def _is_package(module: str) -> bool:
    return _files()[module].name == "__init__.py"


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, in_function: bool = False):
    """(node, in_function) for every node, skipping ``if TYPE_CHECKING:`` bodies."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other, in_function
                yield from _walk(other, in_function)
            continue
        inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        yield child, in_function
        yield from _walk(child, inner)


@cache
def _tree(module: str) -> ast.Module:
    path = _files()[module]
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


@cache
def imports_of(module: str) -> tuple[Imp, ...]:
    files = _files()
    package = module if _is_package(module) else module.rpartition(".")[0]
    out: list[Imp] = []
    for node, in_function in _walk(_tree(module)):
        if isinstance(node, ast.Import):
            out += [Imp(module, a.name, None, node.lineno, in_function, a.asname) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source == "__future__":
                continue
            for a in node.names:
                if f"{source}.{a.name}" in files:
                    out.append(Imp(module, f"{source}.{a.name}", None, node.lineno, in_function, a.asname or a.name))
                else:
                    out.append(Imp(module, source, a.name, node.lineno, in_function))
    return tuple(out)


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


@cache
def graph() -> dict[str, dict[str, Imp]]:
    """Internal module → {module it makes Python execute: the import that does it}.

    Importing ``a.b.c`` executes the packages ``a`` and ``a.b`` too, except those the importer sits in
    (they are already being imported when it runs)."""
    files = _files()
    edges: dict[str, dict[str, Imp]] = {m: {} for m in files}
    for m in files:
        own = set(_ancestors(m)) | ({m} if _is_package(m) else set())
        for imp in imports_of(m):
            for target in [*_ancestors(imp.module), imp.module]:
                if target in files and target != m and target not in own:
                    edges[m].setdefault(target, imp)
    return edges


def circles(package: str) -> list[tuple[list[str], list[tuple[str, Imp]]]]:
    """Each strongly connected group of modules inside ``package``, with one concrete circle through it."""
    edges = {m: {t: i for t, i in ts.items() if _under(t, package)}
             for m, ts in graph().items() if _under(m, package)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(v: str) -> None:          # Tarjan; the trees here are shallow enough for recursion
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return [(sorted(g), _chain(sorted(g)[0], g, edges)) for g in groups]


def _chain(start: str, group: set[str], edges: dict[str, dict[str, Imp]]) -> list[tuple[str, Imp]]:
    """The shortest way from ``start`` back to itself inside ``group``: (module reached, import used)."""
    paths: dict[str, list[tuple[str, Imp]]] = {start: []}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w, imp in sorted(edges[v].items()):
                if w == start:
                    return paths[v] + [(w, imp)]
                if w in group and w not in paths:
                    paths[w] = paths[v] + [(w, imp)]
                    nxt.append(w)
        frontier = nxt
    raise AssertionError(f"no circle through {start}")


def _show_chain(start: str, chain: list[tuple[str, Imp]]) -> str:
    return "\n      -> ".join([start] + [f"{w}  [{imp.where()}]" for w, imp in chain])


def _modules_of(package: str) -> list[str]:
    return [m for m in _files() if _under(m, package)]


def _offences(packages: tuple[str, ...], bad) -> list[str]:
    """``importer:line imports target`` for every import of a module of ``packages`` that ``bad`` refuses."""
    out = []
    for pkg in packages:
        for m in _modules_of(pkg):
            for imp in imports_of(m):
                if bad(m, imp):
                    what = imp.module if imp.name is None else f"{imp.name} from {imp.module}"
                    out.append(f"{imp.where()} imports {what}")
    return out


# ---------------------------------------------------------------------------------------------- the rules

def test_no_import_circle_in_services_gui_cli_or_models():
    found = [f"  {', '.join(group)}; for example\n      " + _show_chain(group[0], chain)
             for pkg in PACKAGES for group, chain in circles(pkg)]
    assert not found, "import circles (each chain ends where it began):\n" + "\n".join(found)


def test_services_never_import_qt_gui_or_cli():
    bad = _offences(("services",), lambda m, imp: imp.module.split(".")[0] in (*QT, "gui", "cli"))
    assert not bad, "services/ must not import Qt, gui/ or cli/:\n" + "\n".join(bad)


def test_models_never_import_gui_cli_qt_nor_outside_migrations_services():
    def bad(m, imp):
        top = imp.module.split(".")[0]
        return top in (*QT, "gui", "cli") or (top == "services" and not _under(m, "models.migrations"))
    found = _offences(("models",), bad)
    assert not found, "models/ must not import gui/, cli/, Qt (nor services/ outside its migrations):\n" + \
        "\n".join(found)


def test_gui_and_cli_never_import_sqlalchemy_and_from_models_only_the_enums():
    def bad(m, imp):
        top = imp.module.split(".")[0]
        if top == "sqlalchemy":
            return True
        if top != "models":
            return False
        return not (imp.module == "models.enums" or (imp.module == "models" and imp.name == "enums"))
    found = _offences(("gui", "cli"), bad)
    assert not found, ("gui/ and cli/ must not import sqlalchemy nor models' entities, sessions or engines "
                       "(models.enums is allowed):\n" + "\n".join(found))


def _private(name: str | None) -> bool:
    return bool(name) and name.startswith("_") and not name.startswith("__")


def test_no_private_name_crosses_a_module_boundary():
    files = _files()
    found = _offences(("services", "gui", "cli"),
                      lambda m, imp: imp.module in files and imp.module != m and _private(imp.name))
    for pkg in ("services", "gui", "cli"):
        for m in _modules_of(pkg):
            modules = {imp.bound: imp.module for imp in imports_of(m) if imp.bound and imp.module in files}
            for node, _ in _walk(_tree(m)):
                if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                        and modules.get(node.value.id, m) != m and _private(node.attr)):
                    found.append(f"{m}:{node.lineno} uses {node.attr} of {modules[node.value.id]}")
    assert not found, "private names (_x) used outside their module:\n" + "\n".join(found)


# ------------------------------------------------------------------------------------ rooms and interfaces

def rooms() -> list[str]:
    return sorted(m for m in _files() if m.count(".") == 1 and m.startswith("services.") and _is_package(m))


def declared_all(package: str) -> list[str] | None:
    for node in _tree(package).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return list(ast.literal_eval(node.value))
    return None


def test_services_is_the_shared_base_and_rooms_each_saying_what_they_offer():
    loose = sorted(m for m in _modules_of("services") if m.count(".") == 1 and not _is_package(m) and m not in BASE)
    assert not loose, f"modules at the top of services/ that belong in a room: {loose}"
    assert rooms(), "services/ has no rooms"
    problems = []
    for room in rooms():
        if not ast.get_docstring(_tree(room)):
            problems.append(f"{room}: __init__.py has no docstring (what it offers, what it may use)")
        listed = declared_all(room)
        if listed is None:
            problems.append(f"{room}: __init__.py declares no __all__ (its public interface)")
            continue
        defined = {a.asname or a.name for node in _tree(room).body if isinstance(node, (ast.Import, ast.ImportFrom))
                   for a in node.names}
        for name in listed:
            if f"{room}.{name}" not in _files() and name not in defined:
                problems.append(f"{room}.__all__ lists {name!r}, which is neither a submodule nor imported there")
    assert not problems, "\n".join(problems)


def may_use(room: str) -> set[str] | None:
    """The rooms named on the ``May use:`` line of the room's docstring (notes in parentheses left out)."""
    for line in (ast.get_docstring(_tree(room)) or "").splitlines():
        if line.startswith("May use:"):
            return {f"services.{w}" for w in re.findall(r"[a-z_]+", re.sub(r"\(.*?\)", "", line[8:]))} & set(rooms())
    return None


def test_each_room_uses_only_the_rooms_its_docstring_names():
    problems = []
    for room in rooms():
        allowed = may_use(room)
        if allowed is None:
            problems.append(f"{room}: its docstring has no 'May use:' line")
            continue
        used: set[str] = set()
        for m in _modules_of(room):
            for imp in imports_of(m):
                parts = imp.module.split(".")
                if parts[0] != "services" or len(parts) < 2 or imp.module in BASE:
                    continue
                other = f"services.{parts[1]}" if f"services.{parts[1]}" in rooms() else None
                if other is None and imp.module == "services" and f"services.{imp.name}" in rooms():
                    other = f"services.{imp.name}"
                if other is None or other == room:
                    continue
                used.add(other)
                if other not in allowed:
                    problems.append(f"{imp.where()} imports {imp.module}, but {room} may use only "
                                    f"{sorted(r.split('.')[1] for r in allowed)}")
        for unused in sorted(allowed - used):
            problems.append(f"{room}: 'May use:' names {unused.split('.')[1]}, which it does not use")
    assert not problems, "\n".join(problems)


def public(module: str, name: str | None) -> bool:
    """May gui/cli import ``module`` (``name`` None) or ``name`` from it?"""
    if module == "services":
        return name is not None and (f"services.{name}" in BASE or f"services.{name}" in rooms())
    if module in BASE:
        return not _private(name)
    parts = module.split(".")
    if len(parts) < 2 or f"services.{parts[1]}" not in rooms():
        return False
    for i in range(2, len(parts)):                 # services.<room>.<sub>…: each level listed by its parent
        parent = ".".join(parts[:i])
        if not _is_package(parent) or parts[i] not in (declared_all(parent) or []):
            return False
    if name is None or _private(name):
        return name is None
    if _is_package(module):
        return name in (declared_all(module) or [])
    return True


def test_gui_and_cli_reach_services_only_through_the_rooms_public_interfaces():
    found = _offences(("gui", "cli"), lambda m, imp: imp.module.split(".")[0] == "services"
                      and not public(imp.module, imp.name))
    assert not found, ("gui/ and cli/ may import only the shared base and what a room lists in its __all__:\n"
                       + "\n".join(found))


def test_a_circle_is_shown_as_its_chain_of_imports():
    """The failure message itself: a circle closed by a function-level import, each step with its line."""
    edges = {"p.a": {"p.b": Imp("p.a", "p.b", None, 3, False)},
             "p.b": {"p.a": Imp("p.b", "p.a", None, 9, True)}}
    chain = _chain("p.a", {"p.a", "p.b"}, edges)
    assert _show_chain("p.a", chain) == "p.a\n      -> p.b  [p.a:3]\n      -> p.a  [p.b:9 (in a function)]"


def test_modules_imported_from_tests(root: Path = ROOT) -> list[str]:
    """Each import in ``root``/tests of a test module (``test_*.py``), as ``file:line imports module``."""
    found = []
    for path in sorted((root / "tests").rglob("*.py")):
        rel = path.relative_to(root)
        package = list(rel.with_suffix("").parts[:-1]) if path.name != "__init__.py" else list(rel.parent.parts)
        for node, _ in _walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[:len(package) - (node.level - 1)] if node.level else []
                source = ".".join(base + ([node.module] if node.module else []))
                names = [source] + [f"{source}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[-1].startswith("test_") and root.joinpath(*parts).with_suffix(".py").is_file():
                    found.append(f"{rel}:{node.lineno} imports {name}")
    return found


test_modules_imported_from_tests.__test__ = False  # a helper of the two tests below, not a test


def test_no_test_module_imports_another_test_module():
    found = test_modules_imported_from_tests()
    assert not found, ("a test module's helpers and fixtures belong in tests/helpers/ or a conftest, "
                       "not imported from another test module:\n" + "\n".join(found))


def test_a_test_module_importing_another_is_found(tmp_path):
    """The check itself, on a small tree: absolute, relative and module imports are caught; helpers are not."""
    gui = tmp_path / "tests" / "gui"
    (tmp_path / "tests" / "helpers").mkdir(parents=True)
    gui.mkdir()
    for name in ("tests/__init__.py", "tests/gui/__init__.py", "tests/helpers/__init__.py",
                 "tests/helpers/gui_hands.py", "tests/gui/conftest.py", "tests/gui/test_form.py"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (gui / "test_page.py").write_text("from tests.gui.test_form import show\nfrom . import test_form\n"
                                      "import tests.gui.test_form\nfrom .test_form import click\n"
                                      "from tests.helpers.gui_hands import show\nfrom tests.gui.conftest import x\n"
                                      "def test_x():\n    from tests.gui import test_form\n", encoding="utf-8")
    assert test_modules_imported_from_tests(tmp_path) == [
        f"tests/gui/test_page.py:{line} imports tests.gui.test_form" for line in (1, 2, 3, 4, 8)]
