"""What the product does, as plain asyncio: engine, journal, library, ledger, images."""
