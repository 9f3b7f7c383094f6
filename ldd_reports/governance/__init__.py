"""Governance rules around a decision: exempt information (Schedule 12A) and the statutory timetable."""
