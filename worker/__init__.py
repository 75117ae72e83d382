"""rq tasks (thin: load, pipeline, persist), scheduled jobs and the worker entry point."""
