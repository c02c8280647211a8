"""Operations: which window a terminal (a desk's PC or SSH account) calls for."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class TerminalBinding(Base):
    """``hall terminal bind WINDOW``: the clerk who logs in on ``terminal`` calls for ``window_id``."""

    __tablename__ = "terminal_bindings"

    terminal: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_id: Mapped[int] = mapped_column(ForeignKey("windows.id"), index=True)
    bound_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    bound_at: Mapped[datetime] = mapped_column(DateTime)
