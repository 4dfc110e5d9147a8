"""Consultant cases: questions for the NGO's staff, relayed through a forum topic."""

from cases.service import CLOSED, OPEN, PERSON, STAFF, Case, CaseReport, Cases, Source, split_plain

__all__ = [
    "CLOSED",
    "OPEN",
    "PERSON",
    "STAFF",
    "Case",
    "CaseReport",
    "Cases",
    "Source",
    "split_plain",
]
