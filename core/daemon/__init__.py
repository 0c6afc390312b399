"""The daemon: one writer, live collections, the ZeroMQ feed. No Qt."""
