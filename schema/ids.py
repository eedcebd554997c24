"""Deterministic ids: the same label + canonical key gives the same id in every backend,
on every machine and across re-ingests (design.md §2)."""
from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

from schema.labels import ID_PREFIX, Label


def canonical_key(text: str) -> str:
    """The form of a key that ids are computed from: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=1 << 16)
def make_id(label: Label, key: str) -> str:
    """`<prefix>:<16 hex>` from the label and the canonical key.

    Keys by label (design.md §2): Region = full path (`内蒙古自治区/鄂尔多斯市`); GovUnit =
    region-qualified full name; PolicyDocument = doc number if any, else title; Platform and
    Indicator that exist once per region = `region path|name[|unit]`; Source = file hash + index.

    Cached: resolve asks for the ids of the same regions, units and groups again and again
    (NFKC and a hash were ~5 us a call, 4 % of ingest)."""
    digest = hashlib.blake2b(f"{label.value}\x1f{canonical_key(key)}".encode(), digest_size=8)
    return f"{ID_PREFIX[label]}:{digest.hexdigest()}"


def source_id(file_sha256: str, index: int) -> str:
    """The id of the `index`-th text unit of a file, from the file's content hash."""
    return make_id(Label.SOURCE, f"{file_sha256}#{index}")
