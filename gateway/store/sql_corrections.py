"""The SQL store's proposed corrections of names (`Store.propose_correction`, `Store.corrections`): the
officers' proposals kept once per officer, name and answer by the table's unique key, listed newest
first, or those of one message (for its page)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from gateway.store import rows
from gateway.store.port import Correction
from gateway.store.sql_base import SqlBase
from gateway.store.tables import corrections

_c = corrections.c


class SqlCorrections(SqlBase):
    """Keeps and lists the officers' proposed corrections of names."""

    def propose_correction(self, correction: Correction) -> bool:
        """Keep `correction`; False when this officer already proposed this answer for this name (the
        unique key refuses the row: two officers' tabs posting at once keep one too)."""
        try:
            with self._write() as conn:
                conn.execute(insert(corrections).values(rows.correction_values(correction)))
        except IntegrityError:
            return False
        return True

    def corrections(self, limit: int, offset: int = 0) -> list[Correction]:
        query = select(corrections).order_by(_c.proposed_at.desc(), _c.id.desc()).limit(limit).offset(offset)
        with self._read() as conn:
            return [rows.to_correction(row._mapping) for row in conn.execute(query)]

    def message_corrections(self, message_id: str, country: str) -> list[Correction]:
        query = select(corrections).where(_c.message_id == message_id, _c.country == country).order_by(_c.id)
        with self._read() as conn:
            return [rows.to_correction(row._mapping) for row in conn.execute(query)]
