"""The hall display as a full-screen App of its own (``hall display``): read-only, no log-in."""

from __future__ import annotations

from typing import Any

from screens.apps.base import HallAppBase

from console.core.i18n import t


class DisplayApp(HallAppBase):
    """Runs :class:`screens.queue.display.DisplayScreen` on ``db`` (a :class:`models.engine.Database`).

    Arguments:
        db: the database (its schema already current).
        site: the site code shown (default: the hall's only center).
        stars: window-stars provider (:data:`console.queue.views.StarsProvider`: window number →
            stars; default :func:`console.assess.quarter.window_stars`: the red flags of the year).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language.
        clock: the hall clock shown in the title (tests fix it).
    """

    TITLE = "Hall Console display"
    ENABLE_COMMAND_PALETTE = False

    #: the layout on a TV (a browser through ``hall serve display``: 1280×720 is about 160×45 cells,
    #: 1920×1080 about 240×67): the side column grows with the width and the waiting list takes the
    #: rows left under the last calls, so that no row is cut at the bottom
    CSS = """
    #display-side { width: 26; overflow: hidden hidden; }
    #display-calls { height: auto; max-height: 9; }
    #display-waiting { height: 1fr; overflow: hidden hidden; }
    """

    def __init__(self, db, *, site: str | None = None, stars=None, lang: str | None = None,
                 voice: bool = False, announcer=None, **kwargs: Any) -> None:
        super().__init__(db, lang=lang, prepare=False, **kwargs)
        self.title = t("queue_ui.display.title")
        self.site = site
        if announcer is None and voice:
            from console.core.i18n import get_language
            from console.queue.voice import Announcer

            announcer = Announcer(get_language())
        #: speaks each new call (``hall display --voice``); ``None``: silent
        self.announcer = announcer
        if stars is None:
            from console.assess.quarter import window_stars as stars
        self.stars = stars

    def on_resize(self, event) -> None:
        """Wider screens (a TV in a browser) give the side column more room."""
        width = event.size.width
        side = 26 if width < 150 else (34 if width < 220 else 44)
        for node in self.screen.query("#display-side"):
            node.styles.width = side

    def run_use_case(self, owner, fn, /, *args: Any, on_result=None, **kwargs: Any):
        """The display's reads, with the announcer looking at each result first (the voice hook)."""
        announcer = self.announcer
        if on_result is not None and getattr(fn, "__name__", "") == "display_view":
            shown = on_result

            def on_result(view, shown=shown):
                if announcer is not None:
                    announcer.observe(view.state)
                shown(self.fitted(view))

        return super().run_use_case(owner, fn, *args, on_result=on_result, **kwargs)

    def fitted(self, view):
        """``view`` with the waiting list cut to the rows the side column has, so that none is cut at
        the bottom: services nobody waits for go first, then the shortest queues (alarms stay)."""
        from dataclasses import replace

        rows = self.size.height - 1 - 2 - min(9, len(view.state.last_calls) or 1)  # title, headings, calls
        waiting = view.state.waiting
        if rows <= 0 or len(waiting) <= rows:
            return view
        busy = [w for w in waiting if w.waiting or w.alarm]
        if len(busy) > rows:
            keep = {w.code for w in sorted(busy, key=lambda w: (-w.alarm, -w.waiting, w.code))[:rows]}
            busy = [w for w in busy if w.code in keep]
        return replace(view, state=replace(view.state, waiting=tuple(busy)))

    def on_mount(self) -> None:
        from screens.queue.display import DisplayScreen

        self.push_screen(DisplayScreen(site=self.site, stars=self.stars))

