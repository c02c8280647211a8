"""What the window hands the applicant being served on to: the intake (``i``) and the proxy section (``d``).

A mixin of :class:`screens.queue.window.QueueWindowScreen`: both need a ticket called
at this window (``view.current``); without one the screen says so and nothing opens.
"""

from __future__ import annotations

from console.core.i18n import t


class WindowHandOvers:
    """``i`` intake for the current ticket, ``d`` the proxy hand-off (both on ``self.view.current``)."""

    def current_or_say(self):
        """The ticket called at this window, or ``None`` after saying nobody is."""
        current = self.view.current if self.view else None
        if current is None:
            self.say(t("queue_ui.msg.nobody_called"))
        return current

    def action_intake(self) -> None:
        """Accept an application from the applicant being served: the intake screen names their ticket."""
        current = self.current_or_say()
        if current is None:
            return
        from screens.cases.intake import IntakeScreen

        self.app.push_screen(IntakeScreen(ticket=current))

    def action_proxy_handoff(self) -> None:
        """Hand the investor being served to the proxy section (代办科); the ticket closes with it."""
        current = self.current_or_say()
        if current is None:
            return
        from screens.proxy.handoff import open_handoff

        open_handoff(self, current.number, on_done=self.after_handoff)

    def after_handoff(self, project_number: str) -> None:
        self.say(t("queue_ui.msg.handed_off", project=project_number))
        self.reload()
