"""The one errors module of policykg.

Every error the project raises on purpose is a `PolicyKGError` with a stable `code` and a
message that names the file, id or parameter at fault. The CLI prints `code: message`;
the API (later) maps each class to one HTTP status in one handler.
"""
from __future__ import annotations


class PolicyKGError(Exception):
    """Root of all policykg errors."""

    code = "policykg_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UnknownLabelError(PolicyKGError):
    code = "unknown_label"

    def __init__(self, label: str):
        super().__init__(f"unknown node label {label!r}")
        self.label = label


class UnknownRelTypeError(PolicyKGError):
    code = "unknown_relationship_type"

    def __init__(self, rel_type: str):
        super().__init__(f"unknown relationship type {rel_type!r}")
        self.rel_type = rel_type


class SchemaViolationError(PolicyKGError):
    """A node or edge that design.md does not allow (wrong endpoints, missing id...)."""

    code = "schema_violation"


class NodeNotFoundError(PolicyKGError):
    code = "node_not_found"

    def __init__(self, node_id: str):
        super().__init__(f"no node with id {node_id!r}")
        self.node_id = node_id


class AmbiguousReferenceError(PolicyKGError):
    """A name given where one entity is meant that names several (by name, or by alias
    when no entity has it as its name)."""

    code = "ambiguous_reference"

    def __init__(self, ref: str, ids: list[str]):
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        super().__init__(f"{ref!r} names {len(ids)} entities ({shown}): give an id")
        self.ref = ref
        self.ids = ids


class IngestError(PolicyKGError):
    """A file that could not be ingested; the message names the file and the reason."""

    code = "ingest_error"

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DecodeError(IngestError):
    code = "decode_error"


class UnsupportedFileError(IngestError):
    code = "unsupported_file"


class StoreError(PolicyKGError):
    """The store could not be read or written (corrupt file, unreachable server...)."""

    code = "store_error"


class StoreCorruptError(StoreError):
    code = "store_corrupt"


class ExportError(PolicyKGError):
    code = "export_error"


class ConfigError(PolicyKGError):
    code = "config_error"


class EvaluationError(PolicyKGError):
    """A gold or export file the scorer (api/evaluate.py) cannot use; names the file."""

    code = "evaluation_error"


class StoreUnavailableError(StoreError):
    """The store's server cannot be reached (down, restarting, network); retry later."""

    code = "store_unavailable"


class QueryRejectedError(PolicyKGError):
    """An analyst's Cypher query that is refused (not read-only) or that the server rejects
    (syntax error, timeout, a write in a read transaction); the message says why."""

    code = "cypher_rejected"
