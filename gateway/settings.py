"""The one typed settings object of the gateway, read from `GATEWAY_*` environment variables.

Build it once (`Settings()`) at the edge and pass it down. Every setting is documented in
docs/settings.md; a test fails when one is missing there.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Settings of the gateway; each field is one `GATEWAY_<NAME>` environment variable."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", frozen=True, extra="ignore")

    mappings_dir: Path = Field(
        PROJECT_ROOT / "mappings", description="Folder of mapping files, one per national format."
    )
    codelists_dir: Path = Field(
        PROJECT_ROOT / "codelists", description="Folder of code lists and, under crosswalks/, crosswalks."
    )
    max_document_bytes: int = Field(
        20 * 1024 * 1024, gt=0, description="Largest document accepted, in bytes."
    )
    max_depth: int = Field(
        256,
        gt=0,
        le=256,
        description="Deepest nesting of XML elements or JSON containers accepted (at most 256, libxml2's own "
        "limit; a lower value costs a check of about 7 ms per megabyte).",
    )
    max_elements: int = Field(
        1_000_000, gt=0, description="Most XML elements (or JSON values, rows, segments) accepted."
    )
    glossary_dir: Path = Field(
        PROJECT_ROOT / "glossary", description="Folder of the terminologists' glossary CSV files."
    )
    glossary_check_seconds: float = Field(
        2.0, ge=0, description="How often, at most, the running gateway looks for a changed glossary."
    )
    resolve_threshold: float = Field(
        0.85,
        ge=0,
        le=1,
        description="Lowest fuzzy score that resolves a name; a weaker match is only a candidate.",
    )
    resolve_names: bool = Field(
        True, description="Resolve the names and places of every harmonized message (docs/resolution.md)."
    )
