"""Cases plugin, desk half (placeholder until its views land; see below)."""
