"""The tables of the SQL store (SQLAlchemy Core), as the Alembic migrations in `migrations/` create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.engine import Dialect


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database (SQLite keeps no zone: UTC is assumed)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps UTC times only")
        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


# SQLite autoincrements only an INTEGER PRIMARY KEY.
Identifier = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

messages = Table(
    "messages",
    metadata,
    Column("message_id", String(64), primary_key=True),
    Column("sender", String(2), nullable=False),
    Column("reference", String(200), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("format", String(100)),
    Column("kind", String(100)),
    Column("original", LargeBinary, nullable=False),
    Column("harmonized", LargeBinary),
    Column("issues", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("pruned_at", UtcDateTime),  # when retention emptied it (migration 0008)
    UniqueConstraint("sender", "reference", name="uq_messages_sender_reference"),
    Index("ix_messages_retention", "pruned_at", "received_at"),  # the messages not pruned, oldest first
    Index(  # the pruned messages, oldest first: identity retention (migration 0009)
        "ix_messages_pruned_received",
        "received_at",
        sqlite_where=text("pruned_at IS NOT NULL"),
        postgresql_where=text("pruned_at IS NOT NULL"),
    ),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Identifier, primary_key=True, autoincrement=True),
    Column("message_id", String(64), ForeignKey("messages.message_id"), nullable=False),
    Column("recipient", String(2), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("method", String(10), nullable=False),
    Column("endpoint", Text),
    Column("payload", LargeBinary),  # NULL: the message's harmonized bytes, unchanged (migration 0002)
    Column("state", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("last_error", Text),
    Column("delivered_at", UtcDateTime),
    Column("lease_owner", String(200)),
    Column("lease_until", UtcDateTime),
    Index("ix_deliveries_due", "state", "next_attempt_at"),
    Index("ix_deliveries_inbox", "recipient", "method", "state", "id"),
    Index("ix_deliveries_message", "message_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Identifier, primary_key=True, autoincrement=True),
    Column("message_id", String(64)),
    Column("name", String(50), nullable=False),
    Column("recipient", String(2)),
    Column("detail", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_events_message", "message_id", "id"),
)

endpoints = Table(
    "disabled_endpoints",
    metadata,
    Column("recipient", String(2), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("disabled_at", UtcDateTime, nullable=False),
)

unresolved = Table(
    "unresolved_names",
    metadata,
    Column("kind", String(20), primary_key=True),
    Column("text", String(500), primary_key=True),
    Column("language", String(35), primary_key=True),  # "" when unknown
    Column("script", String(4)),
    Column("count", Integer, nullable=False),
    Column("message_ids", Text, nullable=False),
    Column("first_seen", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False),
    Column("countries", Text, nullable=False, server_default="[]"),  # JSON: the senders, sorted
    Column("checked_in", String(64)),  # the glossary version it was last checked against
    Column("answered", Boolean, nullable=False, server_default=false()),  # resolved under `checked_in`
    Column("claimed_by", String(200)),  # the checker checking it now (`claim_unresolved`), until ...
    Column("claimed_until", UtcDateTime),  # ... this: then any checker may take it (migration 0004)
    Column("claimed_for", String(64)),  # ... for this glossary version: free to another one (0005)
)
QUEUE_COLUMNS = tuple(c for c in unresolved.c if c.name not in ("claimed_by", "claimed_until", "claimed_for"))
"""The queue's own columns, as `UnresolvedCount` holds them (the claim's three are the checkers')."""

corrections = Table(
    "name_corrections",
    metadata,
    Column("id", Identifier, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("text", String(500), nullable=False),
    Column("language", String(35), nullable=False),  # "" when unknown
    Column("script", String(4)),
    Column("sender", String(2), nullable=False),
    Column("english", String(200), nullable=False),  # "" when only a code is proposed
    Column("code", String(35), nullable=False),  # "" when only an English form is proposed
    Column("comment", String(500), nullable=False),
    Column("key_id", String(64), nullable=False),
    Column("country", String(2), nullable=False),
    Column("message_id", String(64), nullable=False),
    Column("delivery_id", BigInteger, nullable=False),
    Column("pointer", String(200), nullable=False),
    Column("glossary_version", String(64)),
    Column("proposed_at", UtcDateTime, nullable=False),
    UniqueConstraint(
        "key_id", "kind", "text", "language", "english", "code", name="uq_name_corrections_once"
    ),
    Index("ix_name_corrections_proposed", "proposed_at", "id"),
    Index("ix_name_corrections_message", "message_id", "country"),
)
"""The officers' proposed corrections of names (migration 0006)."""

review_sessions = Table(
    "review_sessions",
    metadata,
    Column("session_id", String(64), primary_key=True),  # SHA-256 of the cookie's random ID, hex
    Column("key_id", String(64), nullable=False),
    Column("country", String(2), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime),  # signed out
    Index("ix_review_sessions_expires", "expires_at"),
    Index("ix_review_sessions_key", "key_id", "created_at"),
)
"""The officers' sessions on the review pages (migration 0007; the key's index, 0010)."""

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_id", String(64), primary_key=True),
    Column("secret_hash", String(64), nullable=False),
    Column("organisation", String(200), nullable=False),
    Column("country", String(2)),
    Column("role", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime),
    Column("revoked_at", UtcDateTime),
)

write_probe = Table(
    "write_probe",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("filler", LargeBinary, nullable=False),
)
"""Empty between probes: `Store.probe_write` writes a row and deletes it (migration 0011)."""
