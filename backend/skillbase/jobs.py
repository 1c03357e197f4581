"""The periodic jobs the worker (notifications/worker.py) runs every cycle besides its own e-mails and review reminders.

This is the worker's composition root, as main.py is the API's: it names jobs of other domains so that the
notifications domain never imports them (the domains' import graph stays acyclic: indicators reads bases, which reads
applications, which notifies). Each job decides itself whether it is due.
"""

from __future__ import annotations

from skillbase.indicators.service import refresh_daily

# indicators: every base once a Beijing day (the pace and the overdue reports move with time)
PERIODIC_JOBS = (refresh_daily,)
