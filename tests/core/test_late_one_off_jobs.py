"""One-off jobs that must run even when the event loop is late.

APScheduler drops a one-off job that fires more than its misfire grace time (one
second by default) after its due time. Start-up (the knowledge base, the model) and a
busy loop are often later than that, so these jobs carry no misfire limit.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from telegram.ext import Application

from bot.handlers.broadcast import resume_progress
from core.clock import FakeClock
from scheduler.jobs import WAKE_JOB, DeliveryJobs


def _application() -> Application[Any, Any, Any, Any, Any, Any]:
    return Application.builder().token("1:TEST").build()


def _job(app: Application[Any, Any, Any, Any, Any, Any], name: str) -> Any:
    assert app.job_queue is not None
    (found,) = app.job_queue.get_jobs_by_name(name)
    return found.job


def test_the_broadcast_progress_resume_is_never_dropped_as_late() -> None:
    app = _application()
    resume_progress(app, cast(Any, None))  # services are read only when the job runs
    job = _job(app, "bc-progress-resume")
    assert job.misfire_grace_time is None


def test_a_late_sender_wake_up_still_wakes_the_sender(clock: FakeClock) -> None:
    app = _application()
    jobs = DeliveryJobs(app.job_queue, cast(Any, None), cast(Any, None), clock)
    jobs.arm(clock.now() + timedelta(minutes=5))
    job = _job(app, WAKE_JOB)
    assert job.misfire_grace_time is None
    assert jobs.armed_for == clock.now() + timedelta(minutes=5)
