"""Airforce Studio: a desktop studio for the Airforce asynchronous video API."""

__version__ = "0.1.0"
APP_NAME = "airforce-studio"
