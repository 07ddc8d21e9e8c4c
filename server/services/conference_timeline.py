"""A household's case conferences (个案会商) on its timeline: convened, held (with its
notes), and each decision as a task, due (open) or done."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo

from graph.conferences import ConferenceRecord
from matching.approval import ParamValue
from matching.conference import is_overdue
from server.services.timeline import TimelineEntry, day_start


def conference_entries(
    conferences: list[ConferenceRecord],
    names: Mapping[str, str | None],
    zone: tzinfo,
    today: date,
) -> list[TimelineEntry]:
    out = []
    for c in conferences:
        held: tuple[tuple[str, ParamValue], ...] = (
            ("heldOn", c.held_on.isoformat()),
            ("participants", len(c.participants)),
            ("status", c.status),
        )
        convened_at = c.created_at or day_start(c.held_on, zone)
        who = names.get(c.convened_by)
        out.append(TimelineEntry(convened_at, "CONFERENCE_CONVENED", c.topic, who, c.id, held))
        if c.held_at is not None:
            params = (*held, ("decisions", len(c.decisions)))
            out.append(TimelineEntry(c.held_at, "CONFERENCE_HELD", c.notes, who, c.id, params))
        for d in c.decisions:
            late = is_overdue(d.status, d.due_on, today)
            about: tuple[tuple[str, ParamValue], ...] = (
                ("owner", d.owner_name),
                ("dueOn", d.due_on.isoformat()),
                ("overdue", late),
                ("conferenceId", c.id),
            )
            if d.status == "DONE" and d.done_at is not None:
                words = f"{d.what}：{d.done_note}" if d.done_note else d.what
                out.append(TimelineEntry(d.done_at, "DECISION_DONE", words, None, d.id, about))
            else:
                at = day_start(d.due_on, zone)
                out.append(TimelineEntry(at, "DECISION_DUE", d.what, None, d.id, about))
    return out
