"""The item catalog: approval items with their six public disclosures (六公开)."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base
from models.org import Department


class Item(Base):
    """One kind of approval (审批事项).

    The six disclosures are: legal basis, procedure, required materials (rows of
    :class:`Material`), promised working days, fee standard (amount in fen and a
    text) and fee basis.  ``catalog_year`` is the catalog the item came in with,
    ``retired_year`` the year it left it, ``merged_into`` the item that absorbed it.
    """

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    procedure: Mapped[str] = mapped_column(Text, default="")
    promised_days: Mapped[int] = mapped_column(Integer)
    fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    fee_standard: Mapped[str] = mapped_column(Text, default="")
    fee_basis: Mapped[str] = mapped_column(Text, default="")
    #: 容缺受理 allowed: accepted with the main materials, the rest supplied later
    waiver_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the fee may be waived (减免), on its own legal basis
    fee_waiver_allowed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    fee_waiver_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: a statutory time limit other than §42's 20 working days, and its basis
    statutory_days: Mapped[int | None] = mapped_column(Integer)
    #: the most working days one extension may add when the law says other than 10
    extension_limit: Mapped[int | None] = mapped_column(Integer)
    limit_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    catalog_year: Mapped[int] = mapped_column(Integer)
    retired_year: Mapped[int | None] = mapped_column(Integer, index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    pinyin_initials: Mapped[str] = mapped_column(String(200), default="", index=True)

    department: Mapped[Department] = relationship()
    materials: Mapped[list[Material]] = relationship(
        back_populates="item", order_by="Material.position", cascade="all, delete-orphan"
    )
    merged_into: Mapped[Item | None] = relationship(remote_side=[id])

    @property
    def active(self) -> bool:
        """An item is active until the year it is retired."""
        return self.retired_year is None


class Material(Base):
    """One required document (申报材料) of an item, in the published order."""

    __tablename__ = "materials"
    __table_args__ = (UniqueConstraint("item_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    #: a main material (主要材料): a 容缺 acceptance needs every one of them
    main: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    note: Mapped[str] = mapped_column(String(200), default="")

    item: Mapped[Item] = relationship(back_populates="materials")
