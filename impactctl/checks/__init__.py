"""Checks: the validation engine and the rules it runs (the code registry in ``rules``)."""
