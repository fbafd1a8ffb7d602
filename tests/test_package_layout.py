"""The product packages (indexer/, search_app/) keep to the architecture's two rules
of layout: they never import the benchmarks or the tests, and no module of theirs
uses another module's private names (``module._name``, ``from module import _name``)
- a name one module shares is public in the module that owns it."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRODUCT = ("indexer", "search_app")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PRODUCT:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, tree: ast.Module):
    """(line, imported module, [(name taken from it, local name)] or None, local name
    of the module) of every import in a module."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None, alias.asname or alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            yield node.lineno, module, [(a.name, a.asname or a.name) for a in node.names], None


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _reaches(modules: dict[str, Path], root: Path = REPO) -> list[str]:
    found = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: dict[str, str] = {}   # local name -> product module it stands for
        for line, module, names, local in _imports(name, path, tree):
            if names is None:
                if module in modules:
                    bound[local] = module if local != module.split(".")[0] else local
                continue
            for taken, local in names:
                if f"{module}.{taken}" in modules:
                    bound[local] = f"{module}.{taken}"
                elif _private(taken) and module in modules and module != name:
                    found.append(f"{path.relative_to(root)}:{line}: from {module} import {taken}")

        def module_of(node) -> str | None:
            if isinstance(node, ast.Name):
                return bound.get(node.id)
            if isinstance(node, ast.Attribute):
                outer = module_of(node.value)
                return f"{outer}.{node.attr}" if outer and f"{outer}.{node.attr}" in modules else None
            return None

        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                owner = module_of(node.value)
                if owner in modules and owner != name:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {owner}.{node.attr}")
    return found


def test_product_packages_never_import_the_benchmarks_or_the_tests():
    wrong = []
    for name, path in _modules().items():
        for line, module, _names, _local in _imports(name, path, ast.parse(path.read_text(encoding="utf-8"))):
            if module.split(".")[0] in ("benchmarks", "tests"):
                wrong.append(f"{path.relative_to(REPO)}:{line}: {module}")
    assert wrong == []


def test_no_product_module_uses_another_modules_private_names():
    assert _reaches(_modules()) == []


def test_the_private_name_check_finds_a_reach_written_either_way(tmp_path):
    """The check itself: both spellings of a reach into another module are found,
    a module's use of its own private names is not."""
    package = tmp_path / "search_app"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "owner.py").write_text("def _rule():\n    return 1\n\n\n_rule()\n", encoding="utf-8")
    (package / "caller.py").write_text(
        "from search_app import owner\nfrom .owner import _rule\nimport search_app.owner as o\n\n"
        "owner._rule()\no._rule()\n", encoding="utf-8")
    modules = {"search_app": package / "__init__.py", "search_app.owner": package / "owner.py",
               "search_app.caller": package / "caller.py"}
    assert sorted(_reaches(modules, tmp_path)) == [
        "search_app/caller.py:2: from search_app.owner import _rule",
        "search_app/caller.py:5: search_app.owner._rule",
        "search_app/caller.py:6: search_app.owner._rule"]
