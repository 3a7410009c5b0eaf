"""Developer scripts: the README screenshot and helpers shared with benchmarks/."""
