// Empty stand-in for the 'server-only' marker package in tests (see vitest.config.mts).
