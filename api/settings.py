"""Runtime settings, from the environment (and keyword overrides), read when asked.

Nothing here runs at import time: `get_settings()` reads the environment each time it is
called. The CLI calls it once per command; the API will call it once in its lifespan.
Stores never read settings themselves — `graph.factory.open_store` hands them what they need.

| setting         | environment variable | default                                  |
|-----------------|----------------------|------------------------------------------|
| data_dir        | POLICYKG_DATA_DIR    | platformdirs.user_data_dir("policykg")   |
| store           | POLICYKG_STORE       | memory                                   |
| neo4j_uri       | NEO4J_URI            | bolt://localhost:7687                    |
| neo4j_user      | NEO4J_USER           | neo4j                                    |
| neo4j_password  | NEO4J_PASSWORD       | (none)                                   |
| neo4j_database  | NEO4J_DATABASE       | neo4j                                    |
| api_key         | POLICYKG_API_KEY     | (none: write endpoints are off)          |
| cors_origins    | POLICYKG_CORS_ORIGINS| [] (JSON list, e.g. ["https://a.example"])|
| max_upload_bytes| POLICYKG_MAX_UPLOAD_BYTES | 1000000 (= the decoder's per-file limit) |
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schema.errors import ConfigError

StoreKind = Literal["memory", "neo4j"]


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("policykg"))


class Settings(BaseSettings):
    """Settings of one policykg process. Secrets are kept out of `repr`."""

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", extra="ignore",
                                      populate_by_name=True, frozen=True)

    data_dir: Path = Field(default_factory=default_data_dir)
    store: StoreKind = "memory"
    neo4j_uri: str = Field("bolt://localhost:7687",
                           validation_alias=AliasChoices("neo4j_uri", "NEO4J_URI"))
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("neo4j_user", "NEO4J_USER"))
    neo4j_password: str | None = Field(
        None, repr=False, validation_alias=AliasChoices("neo4j_password", "NEO4J_PASSWORD"))
    neo4j_database: str = Field(
        "neo4j", validation_alias=AliasChoices("neo4j_database", "NEO4J_DATABASE"))
    api_key: str | None = Field(None, repr=False)
    cors_origins: list[str] = Field(default_factory=list)
    max_upload_bytes: int = Field(1_000_000, ge=1)  # the decoder's per-file limit

    @field_validator("data_dir")
    @classmethod
    def _expand_user(cls, value: Path) -> Path:
        return value.expanduser()


def get_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with `overrides` (field names) taking precedence.

    An override that is `None` is ignored, so CLI options left unset fall back to the
    environment and then to the defaults. Invalid values raise `ConfigError` naming them.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(given) - set(Settings.model_fields)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    try:
        return Settings(**given)
    except ValidationError as e:
        problems = "; ".join(f"{_where(err['loc'])}: {err['msg']}" for err in e.errors())
        raise ConfigError(f"invalid settings: {problems}") from e


#: The environment variable of each setting, for error messages.
ENV_VARS = {"data_dir": "POLICYKG_DATA_DIR", "store": "POLICYKG_STORE",
            "api_key": "POLICYKG_API_KEY", "cors_origins": "POLICYKG_CORS_ORIGINS",
            "max_upload_bytes": "POLICYKG_MAX_UPLOAD_BYTES", "neo4j_uri": "NEO4J_URI", "neo4j_user": "NEO4J_USER",
            "neo4j_password": "NEO4J_PASSWORD", "neo4j_database": "NEO4J_DATABASE"}


def _where(loc: tuple[int | str, ...]) -> str:
    name = str(loc[0]).lower() if loc else "settings"
    return f"{name} ({ENV_VARS[name]})" if name in ENV_VARS else name
