"""The ``certverify`` command line."""
