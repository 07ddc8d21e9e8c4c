"""Today as the app counts it: China's date from the app's own clock, never the machine's.

The suite runs on machines whose zone is UTC; from 16:00 UTC China is already on the next
day, and a test comparing with `date.today()` or Neo4j's `date()` (both UTC here) fails for
eight hours a day. The test server runs a `SystemClock` in the default zone, so this is the
same day it decides with.
"""

from __future__ import annotations

from datetime import date, datetime

from server.clock import SystemClock


def app_today() -> date:
    return SystemClock().today()


def app_now() -> datetime:
    """The instant as the app's clock tells it (UTC-aware): what a test passes as `now` to
    the graph functions it calls directly."""
    return SystemClock().now()
