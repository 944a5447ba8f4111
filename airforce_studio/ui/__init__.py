"""Qt widgets only. They talk to core through the EngineBridge's signals, never to httpx."""
