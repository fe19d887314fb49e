"""`python -m loaders ...`: the command line people and scripts already use, kept as it was.

The code lives by concern: parse/ (documents in, records out), plandb/ (build, import/undo, publish),
state/ (what people record), access/ (the one write door) and paths.py.
"""
