"""Monthly progress reports (每月报送工作进展) of a base under construction: created by the system for every construction
month that has started, written and submitted by the base's organisation (narrative, declared figures, competitions,
evidence files), accepted or returned part by part by the bureau, reminded when due and when overdue."""
