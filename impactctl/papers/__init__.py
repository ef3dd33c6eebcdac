"""Papers: documents for people who will not open a YAML file (the board-pack export,
and the workshop and board papers).
"""
