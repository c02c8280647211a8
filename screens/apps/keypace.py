"""Keys handled one at a time: what a key changes (focus, a new field, a dialog) is in place for the next.

Textual routes a key to the widget focused when the App reads it, and runs most of
what the key does later, as the key and the messages it causes travel up through
the widgets' queues: Tab's focus change, Enter's ``Input.Submitted`` and the handler
that moves on to the next field.  Keys that arrive in one read — a fast typist, a
paste, ``tmux send-keys`` — are all routed before the first has done its work, so
``张三⇥110105…`` would put the ID number in the name field.

:class:`KeyPacing` holds the keys that arrive while one is in flight and routes the
next only once the previous has settled: a callback is passed up from the widget
the key went to, through each of its ancestors to the App (every queue is first in,
first out, so when it arrives everything the key had queued on the way has run),
three times over for what those handlers queued in turn.  A key never waits longer
than :data:`MAX_HOLD` seconds, so a widget that closed meanwhile cannot hold the
keyboard.  Keys typed one by one, slower than the console handles them, are never
held.  The callbacks start when the next key comes, or :data:`SETTLE_AFTER` after a key
when none does, so that they do not take the interpreter from the worker a key starts.
"""

from __future__ import annotations

from collections import deque

from textual import events

from screens.apps.calls import Call, post_call

#: rounds of callbacks up the widget tree that make a key "settled"
ROUNDS = 3
#: the longest a held key waits for the one before it (seconds)
MAX_HOLD = 0.15
#: when no other key comes, how long after a key its settling starts (seconds): the callbacks
#: then run after what the key started (a worker's transaction, the paint of its result), not
#: beside it; a key that does come meanwhile starts them at once
SETTLE_AFTER = 0.02


class KeyPacing:
    """Mixin for an :class:`~textual.app.App`: route a key only when the previous one has settled."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._key_turn = 0  # bumped when a key settles or times out; stale callbacks see a new turn
        self._key_busy = False
        self._key_target = None  # where the key in flight went; its settling not started while set

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        if self._key_busy:
            self._held_keys.append(event)
            self._start_settling(self._key_turn)
            return
        await self._route_key(event)

    async def _route_key(self, event: events.Key) -> None:
        if self._exit or not self._screen_stack:  # type: ignore[attr-defined]
            # closing: the screens are going or gone, and a held key has nowhere to go
            self._held_keys.clear()
            self._key_busy, self._key_target = False, None
            return
        self._key_busy = True
        self._key_turn += 1
        turn = self._key_turn
        target = self.focused or self.screen  # type: ignore[attr-defined]
        await super().on_event(event)  # type: ignore[misc]
        self._key_target = target
        if self._held_keys:
            self._start_settling(turn)
        else:
            self.set_timer(SETTLE_AFTER, Call(self._start_settling, turn))  # type: ignore[attr-defined]

    def _start_settling(self, turn: int) -> None:
        """Send the key's callbacks up the tree (once), and bound the wait with :data:`MAX_HOLD`."""
        target = self._key_target
        if turn != self._key_turn or target is None:
            return
        self._key_target = None
        self.set_timer(MAX_HOLD, Call(self._key_settled, turn))  # type: ignore[attr-defined]
        self._hop(target, turn, ROUNDS, target)

    def _hop(self, node, turn: int, rounds: int, start) -> None:
        """Pass a callback to ``node``'s queue; when it runs, on to its parent; at the App, round again."""
        if turn != self._key_turn:
            return
        if node is None or node is self:
            if rounds <= 1:
                post_call(self, self._key_settled, turn)
            else:
                post_call(self, self._hop, start, turn, rounds - 1, start)
            return
        if not node.is_attached:
            post_call(self, self._hop, None, turn, rounds, start)
            return
        post_call(node, self._hop, node.parent, turn, rounds, start)

    async def _key_settled(self, turn: int) -> None:
        if turn != self._key_turn or not self._key_busy:
            return
        self._key_busy = False
        if self._held_keys:
            await self._route_key(self._held_keys.popleft())
