"""The browser tests' helpers live with the site audit, which drives the same Chromium."""

from generator.audit.chromium import CHROMIUM, CHROMIUM_ARGS, chromium, serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "serve"]
