"""Canonical → X12: envelopes with persisted control numbers, 997 and 855 mappers, the dispatcher."""
