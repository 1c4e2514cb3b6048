"""Where the meeting runs: the plan, the pure engine, the runner, the log and the report."""
