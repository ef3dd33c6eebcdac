"""Editing: every command that writes into a user's repository, keeping what it does not
mean to change (comments, order, quoting, layout) and writing atomically.
"""
