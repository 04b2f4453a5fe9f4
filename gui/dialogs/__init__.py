"""Dialogs opened from the pages (registration forms, prompts)."""
