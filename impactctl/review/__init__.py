"""Review: what changed between two versions (``diff``) and over the history (``history``),
in impactctl's own terms; DeepDiff stays inside ``changes``.
"""
