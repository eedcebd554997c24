"""Shared fixtures of the ingest tests: the seed corpus run through decode → normalise → split."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.decode import decode
from ingest.normalise import normalise
from ingest.split import split
from ingest.types import DecodedText, NormalizedText, RawFile, Source

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT / "tests" / "gold"
SEEDS = ("000", "001", "002", "003", "004")


def seed_path(seed: str) -> Path:
    (path,) = CORPUS.glob(f"{seed}_*.txt")
    return path


def gold_sources(seed: str) -> list[dict]:
    """The `sources` of a seed's gold annotation (all parts)."""
    out: list[dict] = []
    for path in sorted(GOLD.glob(f"{seed}_*.json")):
        out.extend(json.loads(path.read_text(encoding="utf-8")).get("sources", []))
    return out


def text_of(text: str, path: str = "t.txt") -> DecodedText:
    """A decoded text built in a test (UTF-8; lone surrogates pass through)."""
    return DecodedText(RawFile.from_bytes(path, text.encode("utf-8", "surrogatepass")), text, "utf-8")


@pytest.fixture(scope="session")
def raw_seed() -> Callable[[str], RawFile]:
    def load(seed: str) -> RawFile:
        path = seed_path(seed)
        return RawFile.from_bytes(path, path.read_bytes())

    return load


@pytest.fixture(scope="session")
def normalized_seed(raw_seed: Callable[[str], RawFile]) -> Callable[[str], NormalizedText]:
    cache: dict[str, NormalizedText] = {}

    def load(seed: str) -> NormalizedText:
        if seed not in cache:
            cache[seed] = normalise(decode(raw_seed(seed)))
        return cache[seed]

    return load


@pytest.fixture(scope="session")
def seed_sources(normalized_seed: Callable[[str], NormalizedText]) -> Callable[[str], list[Source]]:
    cache: dict[str, list[Source]] = {}

    def load(seed: str) -> list[Source]:
        if seed not in cache:
            cache[seed] = split(normalized_seed(seed))
        return cache[seed]

    return load
