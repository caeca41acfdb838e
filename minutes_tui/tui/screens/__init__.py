"""The app's screens: each decides what a key means and calls the store."""
