"""Widgets: they show data and post messages; they never touch the database."""
