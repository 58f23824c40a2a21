"""The one typed settings object of the gateway, read from `GATEWAY_*` environment variables.

Build it once (`Settings()`) at the edge and pass it down. Every setting is documented in
docs/settings.md; a test fails when one is missing there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MOST_RETENTION_DAYS = 36_525
"""The longest retention a setting or `gateway store` takes, in days (a hundred years): further back than
about 739,000 days is before the year 1, which no date can be (an OverflowError, with a traceback)."""


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
    max_repeats: int = Field(
        9_999,
        gt=0,
        description="Most instances of one repeated part under one parent (goods items of a consignment, "
        "countries of an itinerary, seals of a container); past it a document is refused (element.too-many).",
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
    resolve_memo_size: int = Field(
        4096,
        ge=0,
        le=1_000_000,
        description="Resolutions kept by their input (names and goods descriptions repeat); 0 keeps none.",
    )
    resolve_searches_per_document: int = Field(
        200,
        ge=0,
        le=1_000_000,
        description="Different place, office, country and package names of one document searched for near "
        "names; the names after them are looked up exactly only (a names.not-searched warning says so).",
    )
    unresolved_checks_per_version: int = Field(
        2_000,
        ge=0,
        le=10_000_000,
        description="Names of the unresolved queue, the most frequent first, that the background check "
        "checks against each glossary version; the names after them are checked when a read lists them.",
    )
    resolve_names: bool = Field(
        True, description="Resolve the names and places of every harmonized message (docs/resolution.md)."
    )
    agreements_dir: Path = Field(
        PROJECT_ROOT / "agreements",
        description="Folder of agreements, one YAML file per pair of countries, and readiness.yaml.",
    )
    agreements_check_seconds: float = Field(
        2.0,
        gt=0,
        description="How often, at most, the running gateway looks for changed agreement files and reloads "
        "them (docs/agreements.md).",
    )
    data_dir: Path = Field(
        PROJECT_ROOT / "var", description="Folder of the gateway's own files: the SQLite database by default."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the store (postgresql+psycopg://user@host/db); unset: a SQLite file "
        "gateway.sqlite3 in data_dir.",
    )
    review_secret: SecretStr | None = Field(
        None,
        description="Secret that signs the officers' review page sessions (docs/review.md); unset, one is "
        "made once and kept in data_dir/review-secret. Set it when several machines serve one store.",
    )
    review_secure_cookies: bool = Field(
        False,
        description="The review pages are served over HTTPS only (a TLS terminator on another machine): "
        "their cookies are __Host- cookies, Secure, whatever scheme the gateway sees (docs/review.md).",
    )
    review_sessions_per_key: int = Field(
        20,
        gt=0,
        le=10_000,
        description="Most live review page sessions of one key; a new sign-in ends the oldest "
        "(docs/review.md).",
    )
    key_rotation_overlap_hours: float = Field(
        24.0, ge=0, description="How long a rotated key keeps working beside its successor, in hours."
    )
    log_format: Literal["json", "text"] = Field(
        "json", description="Logs as one JSON object per line (json) or plain text lines (text)."
    )
    redis_url: str | None = Field(
        None,
        description="Redis URL (redis://host:port/db) through which `gateway worker` processes share "
        "delivery work (Redis Streams); unset, delivery runs on an in-process queue.",
    )
    worker_processes: int | None = Field(
        None,
        gt=0,
        le=64,
        description="Processes that `gateway worker` starts; unset, 1 without redis_url and 2 with it.",
    )
    delivery_lease_seconds: float = Field(
        60.0,
        gt=0,
        description="How long a dispatcher holds a delivery it is sending; a dead worker's deliveries and "
        "queue entries are taken over after it. Longer than the push timeout.",
    )
    delivery_sweep_seconds: float = Field(
        1.0, gt=0, description="How often a dispatcher looks in the store for deliveries that have come due."
    )
    delivery_concurrency: int = Field(
        8, gt=0, le=256, description="Deliveries one dispatcher sends at the same time (threads)."
    )
    push_timeout_seconds: float = Field(
        30.0, gt=0, description="How long a push waits for the partner's answer before it counts as failed."
    )
    sqlite_synchronous: Literal["full", "normal"] = Field(
        "full",
        description="SQLite's synchronous mode: full (every commit is on disk before a document is "
        "acknowledged) or normal (WAL commits reach the disk at checkpoints: faster, and an acknowledged "
        "document survives a crash of the gateway but not of the machine or its power).",
    )
    postgres_connect_timeout_seconds: int = Field(
        5,
        gt=0,
        description="How long opening a PostgreSQL connection may take (libpq's connect_timeout, whole "
        "seconds; libpq counts 1 as 2); past it the request is answered 503 store.unavailable.",
    )
    postgres_lock_timeout_seconds: float = Field(
        5.0,
        gt=0,
        description="How long a PostgreSQL statement may wait for a lock (lock_timeout); past it the "
        "request is answered 503 store.unavailable instead of waiting behind the session holding it.",
    )
    postgres_statement_timeout_seconds: float = Field(
        30.0,
        gt=0,
        description="How long a PostgreSQL statement may run (statement_timeout); past it the request is "
        "answered 503 store.unavailable. Migrations run without it.",
    )
    retention_days: float | None = Field(
        None,
        gt=0,
        le=MOST_RETENTION_DAYS,
        description="Days a message is kept after it was received once every delivery of it has ended; the "
        "serving process then removes it in the background (docs/operations.md, Retention). Unset: kept "
        "for ever.",
    )
    identity_retention_days: float | None = Field(
        None,
        gt=0,
        le=MOST_RETENTION_DAYS,
        description="Days after which what identifies a pruned message (sender, reference, digest) goes "
        "too; the same document posted again later is received as new. Longer than retention_days, "
        "which it needs (docs/operations.md, Retention). Unset: identities kept for ever.",
    )

    @field_validator("identity_retention_days")
    @classmethod
    def _identity_after_retention(cls, days: float | None, info: ValidationInfo) -> float | None:
        """Identities outlive the messages: a row goes only after its message was pruned."""
        retention = info.data.get("retention_days")
        if days is not None and (retention is None or days <= retention):
            kept = "unset (messages kept for ever)" if retention is None else f"{retention:g} days"
            raise ValueError(f"must be longer than GATEWAY_RETENTION_DAYS, which is {kept}")
        return days

    max_concurrent_posts_per_key: int = Field(
        8, gt=0, description="Most documents of one API key being received at once; more get 429."
    )
    body_timeout_seconds: float = Field(
        60.0,
        gt=0,
        description="How long a client may take to send a document's body; a slower one gets 408 "
        "request.timeout and its connection is closed.",
    )
    header_timeout_seconds: float = Field(
        10.0,
        gt=0,
        description="How long a client may take to send a request's headers (from its connection, or its "
        "last answer); a slower one's connection is closed.",
    )
    worker_metrics_port: int = Field(
        0,
        ge=0,
        le=65535,
        description="Port on which `gateway worker` serves its Prometheus metrics (the agreements reload); "
        "0: none.",
    )
    worker_metrics_host: str = Field(
        "127.0.0.1", description="Address on which `gateway worker` serves its metrics."
    )
