"""reader-app: a desktop reader for a local collection of news articles."""

__version__ = "0.1.0"
APP_NAME = "reader-app"
