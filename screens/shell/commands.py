"""Command-palette providers: every registry screen as a translated "group: verb" command.

Only the screens the actor's role may open are offered (the same list as the
home screen).  Screens with commands of their own add a provider here and list
it in their ``COMMANDS``; titles follow the same "group: verb" pattern
(``catalog: browse``, ``queue: call next``).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from console.core.i18n import t


class ScreenCommands(Provider):
    """Open any screen the role may open: ``catalog: browse``, ``staff: list``…"""

    def _commands(self) -> list[tuple[str, str, str]]:
        """``(title, help, entry id)`` of each screen the actor may open."""
        app = self.app
        actor = getattr(app, "actor", None)
        if actor is None:
            return []
        from screens.shell.registry import entries_for

        return [(t(e.command_key), t(e.title_key), e.id) for e in entries_for(actor.role)]

    async def discover(self) -> Hits:
        for title, help_text, entry_id in self._commands():
            yield DiscoveryHit(title, partial(self.app.open_entry, entry_id), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, entry_id in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.open_entry, entry_id),
                          text=title, help=help_text)
