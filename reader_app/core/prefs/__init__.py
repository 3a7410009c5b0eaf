"""The person's preferences: settings and recent searches."""
