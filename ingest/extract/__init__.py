"""Stage 4, extract: `Source -> Extraction` (mentions, relation candidates, table rows)."""
from __future__ import annotations

from ingest.extract.pipeline import build_nlp
from ingest.extract.relations import find_relations
from ingest.extract.tables import find_indicator_rows
from ingest.types import Extraction, Source


class Extractor:
    """Runs the spaCy pipeline, the table parser and the relation rules on one source."""

    def __init__(self) -> None:
        self.nlp = build_nlp()

    def run(self, source: Source) -> Extraction:
        doc = self.nlp.make_doc(source.text)
        doc.user_data["text"] = source.text  # the components read it (pipeline._text)
        doc.user_data["publisher"] = source.publisher  # (`我局` is the publisher)
        doc = self.nlp(doc)
        mentions = doc.user_data.get("mentions", [])
        sentences = doc.user_data.get("sentences", [])
        rows = find_indicator_rows(source.text)
        relations = find_relations(source.text, mentions, sentences,
                                   is_document=source.kind in ("document", "interpretation"))
        return Extraction(source, mentions, relations, rows, sentences)


def extract(source: Source) -> Extraction:
    return Extractor().run(source)
