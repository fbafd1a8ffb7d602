"""Shared fixtures: indexes of the real seed corpus, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"


@pytest.fixture(scope="session")
def keyword_index(tmp_path_factory) -> Path:
    """A keyword-only (no embeddings) index of the seed corpus."""
    from search_app.indexing import build_index

    path = tmp_path_factory.mktemp("keyword-index")
    build_index(CORPUS, path, semantic=False)
    return path


@pytest.fixture(scope="session")
def keyword_service(keyword_index):
    from search_app.service import SearchService

    return SearchService.open(keyword_index)


@pytest.fixture(scope="session")
def embedder():
    """The default embedding model, built offline into models/ (idempotent)."""
    from kyoten_build.embedding_model import build_default_model
    from indexer.embeddings import Embedder

    return Embedder.load(build_default_model(REPO / "models"))


@pytest.fixture(scope="session")
def hybrid_index(tmp_path_factory, embedder) -> Path:
    """A full index (keywords + vectors) of the seed corpus."""
    from search_app.indexing import build_index

    path = tmp_path_factory.mktemp("hybrid-index")
    build_index(CORPUS, path, embedder=embedder)
    return path


@pytest.fixture
def semantic_copy(tmp_path, hybrid_index) -> tuple[Path, Path]:
    """A copy of the seed corpus and of its semantic index (generation and cache),
    for tests that reindex."""
    import shutil

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    shutil.copytree(hybrid_index, index)
    return corpus, index


@pytest.fixture(scope="session")
def hybrid_service(hybrid_index, embedder):
    from search_app.service import SearchService

    service = SearchService.open(hybrid_index)
    service.use_embedder(embedder)  # share the loaded model across fixtures
    return service


# -- web app over the seed corpus plus two hostile/extra reports (tests/web_fixtures.py)

@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    from web_fixtures import built_index

    return built_index(tmp_path_factory)


@pytest.fixture(scope="session")
def app(index_dir):
    from web_fixtures import make_app

    return make_app(index_dir)


@pytest.fixture(scope="session")
def client(app):
    return app.test_client()


@pytest.fixture()
def staff_glossary(tmp_path, monkeypatch):
    """Write a staff glossary and make the search read it instead of the packaged one (the
    documented way: KYOTEN_GLOSSARY); returns the writer."""
    from indexer import synonyms
    path = tmp_path / "glossary.txt"
    monkeypatch.setenv(synonyms.ENV_VAR, str(path))

    def write(text: str):
        path.write_text(text, encoding="utf-8")
        return path
    return write
