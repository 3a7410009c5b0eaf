"""Correcting an article's details (Edit › Article Details…, a row's context menu), and the outlet asked for
before an import."""
