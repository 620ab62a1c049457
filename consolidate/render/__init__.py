"""Renderers: the same `Consolidation` as terminal summary, JSON, and Word digest."""
