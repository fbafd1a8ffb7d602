"""The README says what the product does: its settings, routes, commands and modules.

Each check reads the product itself (the code's environment reads, the Flask app's URL
map, the `kyoten` argparse parser, the package folders) and the README (and
docs/openapi.yaml), both ways: nothing the product has is missing from the docs and nothing
the docs name is gone. No index is built and no model is loaded.
"""

from __future__ import annotations

import argparse
import ast
import functools
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
PRODUCT = ("indexer", "search_app")


def _section(title: str) -> str:
    """The README's text under `## title`, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def _table_first_cells(text: str) -> list[str]:
    return [line.split("|")[1] for line in text.splitlines() if line.startswith("| `")]


# --------------------------------------------------------------------------- settings

def _env_reads(tree: ast.AST) -> set[str]:
    """Environment variable names a module reads: literal arguments of os.environ.get /
    os.getenv / os.environ[...], and every KYOTEN_* string constant (the names modules keep
    in constants such as MODEL_ENV_VAR)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and re.fullmatch(r"KYOTEN_[A-Z0-9_]+", node.value):
            names.add(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            func = ast.unparse(node.func)
            if func in ("os.environ.get", "os.getenv", "environ.get"):
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) in ("os.environ", "environ") \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str) \
                and not isinstance(getattr(node, "ctx", None), ast.Store):
            names.add(node.slice.value)
    return names


@functools.lru_cache(maxsize=1)
def _product_settings() -> frozenset[str]:
    names = set()
    for package in PRODUCT + ("kyoten_build",):
        for path in (REPO / package).rglob("*.py"):
            names |= _env_reads(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def _setup_settings() -> dict[str, str]:
    """Variables the set-up commands read, with their defaults: ${NAME:-default}."""
    found = {}
    for path in (REPO / "Makefile", REPO / "scripts" / "setup.sh"):
        for name, default in re.findall(r"\$\$?\{([A-Z_][A-Z0-9_]*):-([^}]*)\}", path.read_text(encoding="utf-8")):
            found[name] = default
    return found


def _documented_settings() -> dict[str, str]:
    """README's configuration tables: variable -> its default cell."""
    documented = {}
    for line in _section("Configuration").splitlines():
        if not line.startswith("| `"):
            continue
        cells = line.split("|")
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cells[1]):
            documented[name] = cells[2]
    return documented


def test_every_setting_the_product_reads_is_documented_in_the_readme():
    documented = _documented_settings()
    read = _product_settings() | set(_setup_settings())
    assert sorted(read - set(documented)) == []


def test_every_setting_the_readme_documents_is_read_by_the_product():
    read = _product_settings() | set(_setup_settings())
    assert sorted(set(_documented_settings()) - read) == []


def test_the_readme_gives_each_setting_its_real_default(monkeypatch):
    from indexer import embeddings, fulltext, store
    from search_app import config
    from search_app.cli import build_parser

    for name in _product_settings():
        monkeypatch.delenv(name, raising=False)
    documented = _documented_settings()

    def rel(path: Path) -> str:
        return f"`{path.relative_to(REPO).as_posix()}/`"

    assert rel(config.corpus_dir()) in documented["KYOTEN_CORPUS"]
    assert rel(config.index_dir()) in documented["KYOTEN_INDEX"]
    assert rel(config.models_dir()) in documented["KYOTEN_MODELS_DIR"]
    assert embeddings.DEFAULT_MODEL_NAME in documented["KYOTEN_MODEL"]
    assert f"`{embeddings.DEFAULT_ENCODER}`" in documented["KYOTEN_ENCODER"]
    assert f"`{config.max_upload_bytes() // (1024 * 1024)}`" in documented["KYOTEN_MAX_UPLOAD_MB"]
    assert f"`{store.grace_seconds():g}`" in documented["KYOTEN_GENERATION_GRACE"]
    assert fulltext.build_processes() >= 1 and "all cores" in documented["KYOTEN_INDEX_PROCS"]
    assert "unset" in documented["KYOTEN_ADMIN_TOKEN"] and config.admin_token() is None
    # `make run` serves where `kyoten serve` would by default
    serve = _subcommands(build_parser())["serve"]
    defaults = {a.dest: a.default for a in serve._actions}
    setup = _setup_settings()
    assert setup["KYOTEN_HOST"] == defaults["host"] and f"`{defaults['host']}`" in documented["KYOTEN_HOST"]
    assert setup["KYOTEN_PORT"] == str(defaults["port"]) and f"`{defaults['port']}`" in documented["KYOTEN_PORT"]
    assert f"`{setup['PYTHON']}`" in documented["PYTHON"]


def test_the_settings_check_finds_each_way_of_reading_the_environment():
    tree = ast.parse("import os\nfrom os import environ\nNAME = 'KYOTEN_A'\nos.environ.get('B')\n"
                     "os.getenv('C')\nos.environ['D']\nenviron.get('E')\nos.environ['F'] = '1'\n"
                     "os.environ.setdefault('G', '1')\n")
    assert _env_reads(tree) == {"KYOTEN_A", "B", "C", "D", "E"}


# --------------------------------------------------------------------------- routes

@pytest.fixture(scope="module")
def routes(tmp_path_factory) -> dict[str, set[str]]:
    """Every route of the app (static files aside), `<name>` placeholders as `<>`, with its methods."""
    from search_app.web import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path_factory.mktemp("no-index")),
                      "SEMANTIC": False, "SECRET_KEY": "test"})
    found: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        found.setdefault(_route_shape(rule.rule), set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return found


def _route_shape(path: str) -> str:
    return re.sub(r"<[^>]*>|\{[^}]*\}", "<>", path)


def _readme_routes(text: str) -> set[str]:
    """Routes a README text names: `/…` in backticks (with a method or not), and
    http://127.0.0.1:8000/… in examples; a query string is not part of the route."""
    found = set()
    for path in re.findall(r"`(?:(?:GET|POST) )?(/[^`\s]*)`", text) + \
            re.findall(r"https?://127\.0\.0\.1:8000(/[^\s'\"]*)", text):
        found.add(_route_shape(re.split(r"[?…]", path)[0]))
    return found


def _readme_api_table() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for cell in _table_first_cells(_section("JSON API")):
        match = re.fullmatch(r" `(GET|POST) (/\S+)` ", cell)
        if match:
            table.setdefault(_route_shape(match.group(2)), set()).add(match.group(1))
    return table


def _openapi_paths() -> dict[str, set[str]]:
    """docs/openapi.yaml's paths and their methods, read from its indentation (no YAML
    library in the product's dependencies)."""
    text = (REPO / "docs" / "openapi.yaml").read_text(encoding="utf-8")
    paths_block = re.search(r"^paths:\n(.*?)(?=^\S)", text, re.S | re.M).group(1)
    found: dict[str, set[str]] = {}
    current = None
    for line in paths_block.splitlines():
        if m := re.fullmatch(r"  (/\S*):", line):
            current = _route_shape(m.group(1))
            found[current] = set()
        elif (m := re.fullmatch(r"    (get|post|put|delete|patch):", line)) and current:
            found[current].add(m.group(1).upper())
    return found


def test_every_api_route_is_in_the_readme_and_the_openapi_file_with_its_methods(routes):
    api = {path: methods for path, methods in routes.items() if path.startswith("/api/") or path == "/healthz"}
    assert _readme_api_table() == api
    assert _openapi_paths() == api


def test_every_page_route_is_in_the_readme(routes):
    named = _readme_routes(_section("The web app") + _section("Uploading new reports"))
    pages = {path for path in routes if not (path.startswith("/api/") or path == "/healthz")}
    assert sorted(pages - named) == []


def test_every_route_the_readme_names_still_exists(routes):
    assert sorted(_readme_routes(README) - set(routes)) == []


def test_every_search_parameter_the_api_reads_is_in_the_readme_and_the_openapi_file():
    from search_app.web import api, create_app

    class Recording(dict):
        read: list[str] = []

        def get(self, key, default=None):
            self.read.append(key)
            return super().get(key, default)

    app = create_app({"TESTING": True, "SEMANTIC": False, "SECRET_KEY": "test"})
    with app.test_request_context("/api/search"):
        api.parse_search_args(Recording())
    text = (REPO / "docs" / "openapi.yaml").read_text(encoding="utf-8")
    search_block = re.search(r"^  /api/search:\n(.*?)(?=^  /)", text, re.S | re.M).group(1)
    in_openapi = set(re.findall(r"- name: (\w+)", search_block))
    in_readme = set(re.findall(r"[?&](\w+)=", _section("JSON API"))) | \
        set(re.findall(r"`(result_\w+)`", _section("JSON API")))
    assert sorted(set(Recording.read) - in_openapi) == []
    assert sorted(in_openapi - set(Recording.read)) == []
    assert sorted(set(Recording.read) - in_readme) == []


def test_every_report_list_parameter_is_in_the_readme_and_the_openapi_file():
    from search_app.web.documents import LIST_PARAMS

    text = (REPO / "docs" / "openapi.yaml").read_text(encoding="utf-8")
    block = re.search(r"^  /api/documents:\n(.*?)(?=^  /)", text, re.S | re.M).group(1)
    assert sorted(re.findall(r"- name: (\w+)", block)) == sorted(LIST_PARAMS)
    listed = re.search(r"`/api/documents`\s*\(the list of reports: ([^→]*)→", _section("JSON API"))
    assert listed and sorted(re.findall(r"`(\w+)`", listed.group(1))) == sorted(LIST_PARAMS)


def test_the_readme_names_the_csv_export_columns_as_written():
    from search_app.web.pages import CSV_HEADER

    listings = re.findall(r"columns (区, 年度[^;)—]*)", README)
    assert listings, "README names no CSV columns"
    for listing in listings:
        assert [c.strip() for c in listing.split(",")] == CSV_HEADER


# --------------------------------------------------------------------------- command line

def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    out = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out[name] = sub
                out.update({f"{name} {n}": s for n, s in _subcommands(sub).items()})
    return out


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {opt for action in parser._actions for opt in action.option_strings if opt not in ("-h", "--help")}


def _readme_command_lines() -> dict[str, list[str]]:
    """The `kyoten …` lines of the Command line section's code block, by subcommand."""
    block = re.search(r"```sh\n(.*?)```", _section("Command line"), re.S).group(1)
    lines: dict[str, list[str]] = {}
    for line in block.splitlines():
        words = line.split("#")[0].split()
        if words[:1] == ["kyoten"]:
            name = words[1] if words[1:3] != ["glossary", "check"] else "glossary check"
            lines.setdefault(name, []).append(" ".join(words))
    return lines


def test_every_kyoten_subcommand_and_option_is_in_the_readme():
    from search_app.cli import build_parser

    parser = build_parser()
    shown = _readme_command_lines()
    commands = {name: sub for name, sub in _subcommands(parser).items() if name != "glossary"}
    assert sorted(commands) == sorted(shown)
    missing = []
    for name, sub in commands.items():
        if name == "bench":  # every option belongs to python -m benchmarks.run
            continue
        words = set(re.findall(r"(?<![\w-])(-{1,2}[a-z][\w-]*)", " ".join(shown[name])))
        missing += [f"kyoten {name} {opt}" for opt in sorted(_options(sub) - words)]
    section = _section("Command line")
    missing += [f"kyoten {opt}" for opt in sorted(_options(parser)) if f"`{opt}`" not in section
                and f"kyoten {opt} " not in section and f"`kyoten {opt} …`" not in section]
    assert missing == []


def test_every_option_the_readme_shows_exists():
    from search_app.cli import build_parser

    commands = _subcommands(build_parser())
    wrong = []
    for name, lines in _readme_command_lines().items():
        if name == "bench":
            continue
        for line in lines:
            # a word after the query that starts with a minus is a query word (子育て -多胎児)
            for opt in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", line):
                if opt not in _options(commands[name]):
                    wrong.append(f"{line}: {opt}")
    assert wrong == []


# --------------------------------------------------------------------------- modules

def _modules(package: str) -> set[str]:
    """The modules of a package and of its subpackages, by their own name."""
    names = set()
    for path in (REPO / package).rglob("*.py"):
        if path.name != "__init__.py":
            names.add(path.stem)
    return names


def _table_row(package: str) -> str:
    rows = [line for line in _section("What is in here").splitlines() if line.startswith(f"| `{package}/` |")]
    assert len(rows) == 1, f"README's module table has no single row for {package}/"
    return rows[0].split("|", 2)[2]


@pytest.mark.parametrize("package", PRODUCT + ("kyoten_build",))
def test_the_module_table_names_every_module_of_the_package_and_no_other(package):
    named = {word for word in re.findall(r"`([^`]+)`", _table_row(package))
             if re.fullmatch(r"[a-z_][a-z0-9_]*", word)}
    modules = _modules(package)
    assert sorted(modules - named) == [], "modules the README's table does not name"
    assert sorted(named - modules) == [], "names in the README's table that are no module"


def test_the_readme_counts_the_packaged_glossary_as_it_is():
    from indexer import synonyms

    glossary = synonyms.Glossary.load(synonyms.DEFAULT_GLOSSARY_PATH)
    assert f"{len(glossary.groups)} synonym groups, {len(glossary.narrower)} broader terms" in README


# --------------------------------------------------------------------------- files and names

def test_every_file_and_tool_the_readme_cites_exists():
    """Paths of the repository (tests/…, docs/…, indexer/…) and `python -m` tools the README
    names, e.g. as what a guarantee is tested by."""
    paths = {p.rstrip(".,;:") for p in re.findall(
        r"(?<![\w./])((?:tests|benchmarks|indexer|search_app|kyoten_build|docs|scripts|eval)/[\w./-]*\w)", README)}
    tools = set(re.findall(r"python -m ([\w.]+)", README))
    missing = sorted(p for p in paths if not (REPO / p).exists())
    missing += sorted(t for t in tools if not (REPO / (t.replace(".", "/") + ".py")).exists()
                      and not (REPO / t.replace(".", "/") / "__init__.py").exists())
    assert missing == []


def test_every_module_constant_the_readme_names_exists():
    """`wardanswer.WARD_SUPPORT`, `fusion.unit_context` …: a product module's name and one
    of its attributes."""
    import importlib

    modules = {}
    for package in PRODUCT:
        for path in (REPO / package).rglob("*.py"):
            if path.name != "__init__.py":
                modules.setdefault(path.stem, []).append(
                    ".".join(path.relative_to(REPO).with_suffix("").parts))
    missing = []
    for module, name in set(re.findall(r"`(?:(?:indexer|search_app)\.)?([a-z_][a-z0-9_]*)\.([A-Za-z_]\w*)`", README)):
        if module not in modules:
            continue  # not a module reference (`best.site`, `quality.md`)
        if not any(hasattr(importlib.import_module(full), name) for full in modules[module]):
            missing.append(f"{module}.{name}")
    assert sorted(missing) == []
